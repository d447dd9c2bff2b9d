using Regions.Kernel.Format;
using Regions.Silo;

namespace Regions.Tests.Constructions;

public class ConstructCommandTests
{
    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Without_output_the_network_goes_to_stdout()
    {
        var (exit, output, error) = Run("construct", "pascanu-2n0", "--inputs", "2", "--widths", "4,4");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var network = NetworkReader.Parse(output);
        Assert.Equal(44L, network.Meta!["expectedActivationRegions"]!.GetValue<long>());
    }

    [Fact]
    public void With_output_the_file_is_written_and_a_summary_printed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"construct-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, output, error) = Run("construct", "montufar", "--inputs", "2", "--widths", "6,2", "--seed", "5", "-o", path);
            Assert.Equal(0, exit);
            Assert.Equal("", output);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.Contains("36 activation regions", error);
            Assert.Contains("31 linear regions", error);
            Assert.Contains("0:1,0:1", error);
            var network = NetworkReader.Load(path);
            Assert.Equal(5UL, network.Meta!["seed"]!.GetValue<ulong>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unknown_names_exit_2_listing_the_valid_ones()
    {
        var (exit, _, error) = Run("construct", "deep", "--inputs", "2");
        Assert.Equal(2, exit);
        Assert.Contains("valid names", error);
        Assert.Contains("catalan", error);
    }

    [Theory]
    [InlineData("construct", "pascanu-2n0", "--inputs", "2", "--widths", "4,3")]
    [InlineData("construct", "shallow", "--inputs", "2", "--widths", "4,x")]
    [InlineData("construct", "shallow", "--widths", "4")]
    [InlineData("construct", "maxout", "--inputs", "2", "--widths", "2,2")]
    public void Bad_requests_exit_2_with_one_message(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("regions: ", error);
    }
}
