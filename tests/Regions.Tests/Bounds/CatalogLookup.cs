using System.Numerics;
using Regions.Theory.Bounds;

namespace Regions.Tests.Bounds;

internal static class CatalogLookup
{
    public static BoundResult Get(this IReadOnlyList<BoundResult> results, string id) => results.Single(r => r.Id == id);

    /// <summary>The value of an applicable bound; fails the test with the reason when it is not applicable.</summary>
    public static BigInteger ValueOf(this IReadOnlyList<BoundResult> results, string id)
    {
        var result = results.Get(id);
        Assert.True(result.IsApplicable, $"{id} is not applicable: {result.NotApplicableReason}");
        return result.Value!.Value;
    }

    public static IReadOnlyList<BoundResult> Relu(int inputs, params int[] widths) => BoundCatalog.For(inputs, widths, rank: null);

    public static IReadOnlyList<BoundResult> Maxout(int rank, int inputs, params int[] widths) => BoundCatalog.For(inputs, widths, rank);
}
