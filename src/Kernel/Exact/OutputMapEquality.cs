namespace Regions.Kernel.Exact;

/// <summary>
/// The one rule that decides whether two regions' output maps are the same affine function, shared by the merge
/// of adjacent regions into linear regions and the count of distinct maps: every gradient entry and offset agree
/// within <see cref="ExactTolerance.MapRelative"/> of the size of the terms that entry was summed from, which
/// bounds its rounding even where terms cancel. A difference just above that cannot be told from rounding.
/// </summary>
public static class OutputMapEquality
{
    /// <param name="a">The maps flat, output by output: gradient entries then offset (<paramref name="stride"/> entries each).</param>
    /// <param name="aSizes">The size of the terms behind each entry of <paramref name="a"/>.</param>
    /// <param name="stride">Entries per output: the enumeration's dimension plus one (for the message only).</param>
    public static bool Same(ReadOnlySpan<double> a, ReadOnlySpan<double> aSizes, ReadOnlySpan<double> b, ReadOnlySpan<double> bSizes, int stride, string what = "two adjacent regions")
    {
        var undecided = -1;
        for (var i = 0; i < a.Length; i++)
        {
            var difference = Math.Abs(a[i] - b[i]);
            var tolerance = ExactTolerance.MapRelative * Math.Max(aSizes[i], bSizes[i]);
            if (difference <= tolerance) continue;
            if (difference > ExactTolerance.Undecided * tolerance) return false;
            undecided = i;
        }
        if (undecided < 0) return true;
        throw new InvalidRequestException(
            $"output {undecided / stride + 1}: {what} have output maps that differ by about {ExactTolerance.MapRelative:G2} of the size of their terms; "
            + "double precision cannot tell whether they are one affine map: count activation regions, or on a smaller box") { Code = RefusalCodes.Undecidable };
    }
}
