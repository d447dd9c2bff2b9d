namespace Regions.Tests.CommandLine;

/// <summary>-o never replaces a device or a directory, never writes half a file, and writes through a symbolic link.</summary>
public class OutputFileTests
{
    private static (int Code, string Err) Construct(string output)
    {
        var stderr = new StringWriter();
        var code = Regions.Silo.Cli.Run(["construct", "shallow", "--inputs", "2", "--widths", "3", "-o", output], new StringWriter(), stderr);
        return (code, stderr.ToString().Trim());
    }

    [Fact]
    public void Devices_directories_and_missing_directories_are_refused_with_exit_2()
    {
        var scratch = Directory.CreateTempSubdirectory("regions-out-").FullName;
        try
        {
            Assert.Equal((2, "regions: /dev/full is not a regular file (devices and system files are not written)"), Construct("/dev/full"));
            Assert.Equal((2, $"regions: {scratch} is a directory, not a file"), Construct(scratch));
            var missing = Path.Combine(scratch, "no", "net.json");
            Assert.Equal((2, $"regions: cannot write {missing}: the directory {Path.Combine(scratch, "no")} does not exist"), Construct(missing));
            Assert.Empty(Directory.GetFileSystemEntries(scratch));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void A_symbolic_link_is_written_through_and_no_temporary_file_remains()
    {
        var scratch = Directory.CreateTempSubdirectory("regions-out-").FullName;
        try
        {
            var target = Path.Combine(scratch, "real.json");
            File.WriteAllText(target, "old");
            var link = Path.Combine(scratch, "link.json");
            File.CreateSymbolicLink(link, target);
            Assert.Equal(0, Construct(link).Code);
            Assert.Equal(target, new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true)!.FullName);
            Assert.Contains("\"format\": \"pwl-network/1\"", File.ReadAllText(target));
            Assert.Equal(new[] { "link.json", "real.json" }, Directory.GetFiles(scratch).Select(f => Path.GetFileName(f)!).Order().ToArray());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
