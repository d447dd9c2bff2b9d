using System.Globalization;

namespace Regions.Silo.Reproduce;

/// <summary>The text of <c>regions reproduce sinusoid</c>: one aligned row per network, then where the numbers come from.</summary>
internal static class SinusoidTable
{
    /// <summary>The paper's counts (appendix, Sec. 11), shown beside ours; its data set and its size are not published.</summary>
    private static readonly Dictionary<string, int> PaperMisclassified = new() { ["1x20"] = 123, ["2x10"] = 24 };

    public static void Write(TextWriter output, SinusoidRun run, string figure)
    {
        var box = run.Manifest.Box;
        var rows = new List<string[]> { new[] { "network", "architecture", "hidden units", "parameters", "misclassified", "paper", "activation regions", "linear regions" } };
        foreach (var r in run.Rows)
        {
            rows.Add([
                r.Model.Shape, r.Network.Describe(), Number(r.HiddenUnits), Number(r.Network.ParameterCount),
                $"{r.Misclassified} of {run.Points}", PaperMisclassified.TryGetValue(r.Model.Shape, out var paper) ? Number(paper) : "-",
                Number(r.ActivationRegions), Number(r.LinearRegions),
            ]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c >= 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        output.WriteLine();
        output.WriteLine($"data: {run.Points} points of {run.Manifest.DataFile}, {run.Manifest.Recipe}; box {box}.");
        output.WriteLine($"misclassified: training points on the wrong side of output = 0; regions: exact counts in the box (count --method exact --definition activation|linear).");
        output.WriteLine("paper: Montufar, Pascanu, Cho, Bengio 2014, appendix Sec. 11 (its own data, of unpublished size, and optimiser).");
        output.WriteLine($"{figure}: both networks' exact activation regions, red: the decision boundary (output 0 = 0).");
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
