using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Exact;

/// <summary>The double-description split of an n-D piece: the mask path against the sorted-set path, and basic invariants.</summary>
public sealed class PolytopeSplitTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    public void Edge_tests_on_masks_and_on_sorted_sets_give_the_same_pieces(int n, int seed)
    {
        var random = new DeterministicRandom((ulong)seed);
        var pieces = new List<PolytopePiece> { PolytopePiece.Box(Box.Cube(n, -1, 1)) };
        var constraint = 2 * n;
        var splits = 0;
        for (var step = 0; step < 80; step++)
        {
            var piece = pieces[(int)(random.NextUInt64() % (ulong)pieces.Count)];
            // A random hyperplane through a point near the piece's centre, so that it usually cuts the piece.
            var normal = Enumerable.Range(0, n).Select(_ => random.NextGaussian()).ToArray();
            var centre = new double[n];
            piece.Centroid(centre);
            var offset = -Enumerable.Range(0, n).Sum(i => normal[i] * (centre[i] + 0.1 * random.NextGaussian()));
            // Every third hyperplane passes through a vertex: that vertex stays in both parts, tight on the new constraint too.
            if (step % 3 == 2)
            {
                var through = piece.Vertex((int)(random.NextUInt64() % (ulong)piece.VertexCount)).ToArray();
                offset = -Enumerable.Range(0, n).Sum(i => normal[i] * through[i]);
            }
            var values = new double[piece.VertexCount];
            var sides = new sbyte[piece.VertexCount];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = offset + Enumerable.Range(0, n).Sum(i => normal[i] * piece.Vertex(v)[i]);
                sides[v] = values[v] > 1e-12 ? (sbyte)1 : values[v] < -1e-12 ? (sbyte)-1 : (sbyte)0;
            }
            if (!sides.Contains((sbyte)1) || !sides.Contains((sbyte)-1)) continue;
            var byMask = piece.Split(values, sides, constraint);
            var bySets = piece.SplitBySortedSets(values, sides, constraint);
            constraint++;
            splits++;
            AssertSame((PolytopePiece)byMask.Negative, (PolytopePiece)bySets.Negative);
            AssertSame((PolytopePiece)byMask.Positive, (PolytopePiece)bySets.Positive);
            // Every vertex of a piece of R^n lies on at least n of its constraints.
            foreach (var part in new[] { (PolytopePiece)byMask.Negative, (PolytopePiece)byMask.Positive })
            {
                for (var v = 0; v < part.VertexCount; v++) Assert.True(part.Tight(v).Length >= n);
                // The masks the split carried over equal those made afresh from the tight sets.
                Assert.True(part.TableMatchesTightSets());
            }
            pieces.Remove(piece);
            pieces.Add((PolytopePiece)byMask.Negative);
            pieces.Add((PolytopePiece)byMask.Positive);
        }
        Assert.True(splits >= 40, $"only {splits} splits");
    }

    private static void AssertSame(PolytopePiece a, PolytopePiece b)
    {
        Assert.Equal(a.VertexCount, b.VertexCount);
        for (var v = 0; v < a.VertexCount; v++)
        {
            Assert.Equal(a.Vertex(v).ToArray(), b.Vertex(v).ToArray());
            Assert.Equal(a.Tight(v).ToArray(), b.Tight(v).ToArray());
        }
    }
}
