using Regions.Theory.Bounds;

namespace Regions.Silo.Formatting;

/// <summary>The human-readable form of <c>regions bounds</c>: one aligned row per bound, then the ones that do not apply.</summary>
internal static class BoundsTable
{
    /// <summary>Longer values go on their own line, in full, so they do not wreck the alignment.</summary>
    private const int ValueColumn = 24;

    public static void Write(TextWriter output, Architecture net, IReadOnlyList<BoundResult> bounds)
    {
        output.WriteLine($"{net.Describe()}: L = {net.Depth} hidden layers, N = {net.TotalUnits} units");
        output.WriteLine();
        var applicable = bounds.Where(b => b.IsApplicable).ToArray();
        var nameWidth = applicable.Max(b => Label(b).Length);
        output.WriteLine($"{"bound".PadRight(nameWidth)}  {"kind",-5}  {"value".PadRight(ValueColumn)}  citation");
        foreach (var bound in applicable)
        {
            var value = bound.ValueText!;
            var shown = value.Length <= ValueColumn ? value : $"({value.Length} digits, below)";
            output.WriteLine($"{Label(bound).PadRight(nameWidth)}  {KindName(bound.Kind),-5}  {shown.PadRight(ValueColumn)}  {bound.Citation}");
            if (value.Length > ValueColumn) output.WriteLine($"    = {value}");
        }

        var skipped = bounds.Where(b => !b.IsApplicable).ToArray();
        if (skipped.Length == 0) return;
        output.WriteLine();
        output.WriteLine("Not applicable:");
        foreach (var bound in skipped) output.WriteLine($"  {bound.Id}: {bound.NotApplicableReason}");
    }

    public static string KindName(BoundKind kind) => kind.ToString().ToLowerInvariant();

    private static string Label(BoundResult bound) =>
        bound.Subject == BoundSubject.ShallowComparator ? $"[shallow] {bound.Name}" : bound.Name;
}
