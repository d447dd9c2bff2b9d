using System.CommandLine;
using Regions.Kernel;
using Regions.Silo.Figures;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions figures -o DIR [--only NAME,...]</c>: writes the pictures of the papers' constructions (the regions after
/// each layer, exact) and of the bounds against depth as SVG files into DIR, with DIR/index.md naming each file, what it
/// shows and its exact counts; the same lines go to stdout.
/// </summary>
internal static class FiguresCommand
{
    public static Command Create()
    {
        var names = string.Join(", ", FigureCatalog.All.Select(f => f.Name));
        var output = new Option<string>("--output", "-o") { Description = "Directory to write the figures into (made if missing; its parent must exist).", Required = true };
        var only = new Option<string?>("--only") { Description = $"Comma-separated figures to write (default: all): {names}." };
        var command = new Command("figures", "Write the papers' figures as SVG: each construction's regions after each layer (exact counts) and the bounds against depth.");
        command.Options.Add(output);
        command.Options.Add(only);
        command.SetAction(parse =>
        {
            // Names are checked before anything is written, so a typo costs nothing.
            var figures = Selected(parse.GetValue(only));
            var given = parse.GetValue(output)!;
            var directory = Prepare(given);
            var stdout = parse.InvocationConfiguration.Output;
            var index = new List<string> { "# Figures", "", "Written by `regions figures`; every count is exact.", "", "| file | shows | exact counts |", "|---|---|---|" };
            foreach (var figure in figures)
            {
                var result = figure.Write(Path.Combine(directory, figure.File));
                index.Add($"| [{figure.File}]({figure.File}) | {result.Shows} | {result.CountsSay} |");
                // Named as the user named the directory, so the lines read like the command that wrote them.
                stdout.WriteLine($"{Path.Combine(given, figure.File)}: {result.Shows}; {result.CountsSay}");
            }
            OutputFile.WriteText(Path.Combine(directory, "index.md"), string.Join("\n", index) + "\n");
            stdout.WriteLine($"{Path.Combine(given, "index.md")}: {figures.Count} figure{(figures.Count == 1 ? "" : "s")}");
            return Cli.Ok;
        });
        return command;
    }

    internal static IReadOnlyList<Figure> Selected(string? only)
    {
        if (only is null) return FigureCatalog.All;
        var asked = only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (asked.Length == 0) throw new InvalidRequestException("only", "names no figure");
        foreach (var name in asked)
        {
            if (FigureCatalog.All.All(f => f.Name != name))
                throw new InvalidRequestException("only", $"unknown figure '{name}'; valid names: {string.Join(", ", FigureCatalog.All.Select(f => f.Name))}");
        }
        // Catalogue order, each once, whatever order and repeats were asked.
        return FigureCatalog.All.Where(f => asked.Contains(f.Name)).ToArray();
    }

    /// <summary>The output directory, made when missing; anything that keeps it from being a directory is a one-line error.</summary>
    private static string Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new InvalidRequestException("output", $"{path} is a file, not a directory");
        var parent = Path.GetDirectoryName(full)!;
        if (File.Exists(parent)) throw new InvalidRequestException("output", $"cannot make {path}: {parent} is a file, not a directory");
        if (!Directory.Exists(parent)) throw new InvalidRequestException("output", $"cannot make {path}: the directory {Path.GetDirectoryName(full)} does not exist");
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidRequestException("output", $"cannot make {path}: {e.Message}");
        }
        return full;
    }
}
