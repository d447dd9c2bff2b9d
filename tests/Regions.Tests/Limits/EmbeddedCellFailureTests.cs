using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Limits;

/// <summary>The embedded runner under the shared cell-failure rule: refusals end the count at once, other failures after three attempts.</summary>
public class EmbeddedCellFailureTests
{
    private static readonly CountJob Exact = new(TestNetworks.Random(9, 2, [6]), Box.Cube(2, -1, 1), CountMethod.Exact, 0, 4, 0, SamplerKind.Random);

    [Fact]
    public void A_cell_that_keeps_failing_ends_the_count_after_three_attempts_with_its_message()
    {
        // The region sink (what --regions-out writes to) failing as a full disk would: the cell fails, not the input.
        var attempts = 0;
        var error = Assert.Throws<InvalidRequestException>(() => EmbeddedRunner.Run(Exact, threads: 1, region: (cell, _) =>
        {
            if (cell == 2)
            {
                attempts++;
                throw new IOException("No space left on device");
            }
        }));
        Assert.Equal("cell 2 failed 3 times: No space left on device", error.Message);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public void A_cell_that_fails_once_is_tried_again_and_the_count_is_unchanged()
    {
        var failed = 0;
        var result = EmbeddedRunner.Run(Exact, threads: 1, region: (cell, _) =>
        {
            if (cell == 1 && Interlocked.Increment(ref failed) == 1) throw new IOException("interrupted");
        });
        Assert.Equal(EmbeddedRunner.Run(Exact).Regions, result.Regions);
        Assert.True(failed > 1);
    }

    [Fact]
    public void A_count_whose_cell_refuses_its_input_exits_2_with_the_message()
    {
        var hidden = new Layer(Activation.Relu, 2, 2, [1, 0, 1, 0], [0, -2e-13]);
        var path = Path.Combine(Path.GetTempPath(), $"regions-poison-{Guid.NewGuid():N}.json");
        NetworkWriter.Save(new Network(2, [hidden, new Layer(Activation.Linear, 1, 2, [1, 2], [0])]), path);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = Regions.Silo.Cli.Run(["count", "--model", path, "--box", "-1:1", "--method", "exact", "--cells", "1"], stdout, stderr);
            Assert.Equal(2, code);
            Assert.StartsWith("regions: ", stderr.ToString());
            Assert.Contains("double precision cannot tell", stderr.ToString());
            Assert.DoesNotContain("times", stderr.ToString());
            Assert.Single(stderr.ToString().Trim().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
