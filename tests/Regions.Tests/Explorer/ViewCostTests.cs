using System.Diagnostics;
using Regions.Drawing;
using Regions.Kernel.Geometry;
using Regions.Theory.Constructions;
using Xunit.Abstractions;

namespace Regions.Tests.Explorer;

/// <summary>
/// The server's side of an explorer view of about 10^4 regions (150 lines of the shallow construction): the cost of
/// each step, reported, and the neighbours checked against what an arrangement of lines must give.
/// </summary>
public sealed class ViewCostTests(ITestOutputHelper output)
{
    [Fact]
    public void In_an_arrangement_of_lines_every_inner_edge_has_exactly_one_neighbour_across_it()
    {
        var network = NetworkConstructions.Build("shallow", new ConstructionRequest(2, [150]));
        var slice = new Kernel.Geometry.AffineSlice([0, 0], [[1, 0], [0, 1]]);
        var box = new Box([-1, -1], [1, 1]);
        var clock = Stopwatch.StartNew();
        var regions = PlaneRegions.Enumerate(network, slice, box, MapPartition.Activation, 200_000)!;
        var enumerated = clock.Elapsed.TotalMilliseconds;
        var neighbours = PlaneNeighbours.Of(regions.Regions, box);
        var found = clock.Elapsed.TotalMilliseconds;
        BoundaryTracer.Trace(regions.Regions, box);
        var traced = clock.Elapsed.TotalMilliseconds;
        output.WriteLine($"{regions.Count} regions: enumeration (with its budget pass) {enumerated:0} ms, neighbours {found - enumerated:0} ms, boundaries {traced - found:0} ms");
        Assert.True(regions.Count > 10_000);

        // Lines in general position cross the window with no T-junction: each edge off the window's border is shared
        // with exactly one other region, so a region has as many neighbours as it has inner edges.
        static bool OnBorder((double U, double V) p, (double U, double V) q) =>
            (Math.Abs(Math.Abs(p.U) - 1) < 1e-12 && Math.Abs(p.U - q.U) < 1e-12) || (Math.Abs(Math.Abs(p.V) - 1) < 1e-12 && Math.Abs(p.V - q.V) < 1e-12);
        for (var i = 0; i < regions.Regions.Count; i++)
        {
            var polygon = regions.Regions[i].Polygon;
            var inner = Enumerable.Range(0, polygon.Count).Count(k => !OnBorder(polygon[k], polygon[(k + 1) % polygon.Count]));
            Assert.True(inner == neighbours[i].Length, $"region {i}: {inner} inner edges, {neighbours[i].Length} neighbours");
        }
    }
}
