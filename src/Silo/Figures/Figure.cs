namespace Regions.Silo.Figures;

/// <summary>
/// One picture of the papers' constructions or bounds that <c>regions figures</c> writes: its name (what
/// <c>--only</c> selects), the file it writes in the output directory, and how it is made.
/// </summary>
internal abstract class Figure(string name, string file)
{
    public string Name { get; } = name;

    /// <summary>The file name inside the output directory.</summary>
    public string File { get; } = file;

    /// <summary>Draws the figure into <paramref name="path"/> and says what it shows.</summary>
    public abstract FigureResult Write(string path);
}

/// <summary>
/// What a written figure shows, for the index: a sentence, and the exact numbers it draws (regions per panel of a map
/// row, or the number of bound series of a plot).
/// </summary>
internal sealed record FigureResult(string Shows, IReadOnlyList<long> Counts, string CountsSay);
