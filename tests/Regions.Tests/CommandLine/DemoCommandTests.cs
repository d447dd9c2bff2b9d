namespace Regions.Tests.CommandLine;

public sealed class DemoCommandTests
{
    [Fact]
    public void Every_construction_in_the_demo_reaches_its_theorem_and_beats_or_meets_the_table()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Silo.Cli.Run(["demo", "--points", "1000000"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        var rows = stdout.ToString().Split('\n').Skip(1).TakeWhile(l => l.Trim().Length > 0)
            .Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        Assert.Equal(9, rows.Length);
        foreach (var row in rows)
        {
            // construction, architecture, theorem, exact, sampled, shallow: both counts equal the theorem's number.
            Assert.Equal(row[2], row[3]);
            Assert.Equal(row[2], row[4]);
        }
        // The papers' point: two layers of 4 relu units on 2 inputs give 44 regions, more than the 37 of any shallow net of 8.
        Assert.Contains(rows, r => r[1] == "2-4-4 relu" && r[3] == "44" && r[5] == "37");
        Assert.Contains(rows, r => r[1] == "2-4-4-4 relu" && r[3] == "176" && r[5] == "79");
        Assert.Contains("9 of 9 constructions have exactly their theorem's count; sampling", stdout.ToString());
        Assert.Contains("found all of it for 9", stdout.ToString());
    }
}
