using System.Numerics;

namespace Regions.Theory.Constructions;

/// <summary>Sizes beyond which a construction is refused rather than built badly.</summary>
internal static class ConstructionLimits
{
    /// <summary>
    /// A coordinate folded into more pieces than this has pieces narrower than about 1e-9 of the domain, and each
    /// fold doubles the rounding error of the folded coordinate: double precision no longer realises the count.
    /// </summary>
    public const long MaxFoldPieces = 1L << 30;

    /// <summary>Networks beyond this many parameters are not written (a quarter of what the reader accepts).</summary>
    public const long MaxParameters = 50_000_000;

    public static void RequireParameters(string construction, int inputs, IReadOnlyList<int> widths, int rank = 1)
    {
        long total = 0;
        var previous = (long)inputs;
        foreach (var w in widths)
        {
            total += ((long)w * rank) * (previous + 1);
            previous = w;
        }
        total += previous + 1;
        if (total > MaxParameters)
            throw new InvalidRequestException($"{construction}: {total} parameters exceed the limit of {MaxParameters}");
    }

    /// <summary>
    /// Estimated rounding error of a folded coordinate after layers that fold it into p_1, p_2, ... pieces: the
    /// alternating sum of a group of p units of size up to 2p adds about 2 p^2 units in the last place, and every later
    /// fold multiplies the error so far by its p.
    /// </summary>
    public static double FoldError(IEnumerable<int> piecesPerLayer)
    {
        var error = 0.0;
        foreach (var p in piecesPerLayer) error = error * p + 2.0 * p * p * Math.Pow(2, -52);
        return error;
    }

    /// <summary>Regions narrower than this many times the fold error are not trusted to survive the rounding.</summary>
    public const double ResolutionFactor = 1024;

    public static void RequireFoldPieces(string construction, IEnumerable<BigInteger> piecesPerAxis)
    {
        var largest = piecesPerAxis.DefaultIfEmpty(BigInteger.One).Max();
        if (largest > MaxFoldPieces)
            throw new InvalidRequestException($"{construction}: a coordinate would be folded into {largest} pieces, more than the {MaxFoldPieces} that double precision can resolve");
    }
}
