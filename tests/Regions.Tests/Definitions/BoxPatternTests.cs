using FsCheck.Fluent;
using Regions.Grains.Jobs;
using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;
using Regions.Tests.Fuzz;

namespace Regions.Tests.Definitions;

/// <summary>
/// Patterns (R1) in a box of 3 and more inputs, where every face of every dimension of a region's polytope adds its
/// pattern: counted by hand, against the plane's count of the same network, against the interpreter on a grid that
/// meets every face, and R1 &gt;= R2 on the fuzzer's networks.
/// </summary>
public sealed class BoxPatternTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 8)]
    [InlineData(4, 1)]
    [InlineData(4, 16)]
    public void Opposite_pairs_on_every_axis_leave_three_to_the_n_patterns_and_two_to_the_n_regions(int n, int cells)
    {
        // relu(x_i) and relu(-x_i) for every axis: the pair is (1, 0) where x_i > 0, (0, 1) where x_i < 0 and (0, 0) on
        // x_i = 0, independently per axis: 3^n patterns (on the orthants, their facets, ..., down to the origin), of
        // which the 2^n orthants are full-dimensional. f = sum |x_i| has one map per orthant.
        var rows = Enumerable.Range(0, n).SelectMany(i => new[] { Axis(n, i, 1), Axis(n, i, -1) }).ToArray();
        var network = DefinitionCounts.Relu(n, rows, new double[2 * n], Enumerable.Repeat(1.0, 2 * n).ToArray());
        var orthants = 1L << n;
        Assert.Equal(((long)Math.Pow(3, n), orthants, orthants, orthants), DefinitionCounts.All(network, Box.Cube(n, -1, 1), cells));
    }

    [Fact]
    public void A_pattern_can_live_on_an_edge_of_a_three_dimensional_region_only()
    {
        // relu(x), relu(-x), relu(y), relu(-y), relu(x + y + z - 5): the last is off on [-1, 1]^3. Regions: the four
        // quadrants in (x, y). Facets add (0, 0, s_y) on x = 0 and (s_x, 0, 0) on y = 0 (4 patterns); the line
        // x = y = 0, an edge of every region, adds (0, 0, 0, 0): R1 = 4 + 4 + 1 = 9.
        var network = DefinitionCounts.Relu(3, [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [1, 1, 1]], [0, 0, 0, 0, -5], [1, 1, 1, 1, 1]);
        Assert.Equal((9L, 4L), (DefinitionCounts.Count(network, Box.Cube(3, -1, 1), RegionDefinition.Patterns),
            DefinitionCounts.Count(network, Box.Cube(3, -1, 1), RegionDefinition.Activation)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void Patterns_inside_a_facet_or_an_edge_that_no_corner_has_are_counted(int cells)
    {
        // relu(x), relu(-x) as above; relu(0.5 - y), relu(y + 0.5): (1, 0) for y <= -0.5, (1, 1) between, (0, 1) for
        // y >= 0.5 (each off on its own plane); the same in z. Every one of 3 x 3 x 3 = 27 combinations is realised, of
        // which 2 x 3 x 3 = 18 are regions. The 9 on x = 0 live on the square |y|, |z| < 0.5 (a facet), its four sides
        // (edges) and its corners: the pattern (0 0 1 1 1 1) is at no corner of any region, (0 0 0 1 1 1) on an edge.
        var network = DefinitionCounts.Relu(3, [[1, 0, 0], [-1, 0, 0], [0, -1, 0], [0, 1, 0], [0, 0, -1], [0, 0, 1]],
            [0, 0, 0.5, 0.5, 0.5, 0.5], [1, 1, 1, 1, 1, 1]);
        var box = Box.Cube(3, -1, 1);
        Assert.Equal((27L, 18L), (DefinitionCounts.Count(network, box, RegionDefinition.Patterns, cells), DefinitionCounts.Count(network, box, RegionDefinition.Activation, cells)));
    }

    /// <summary>The Stargalla example (see <see cref="StargallaExampleTests"/>) reading extra inputs with zero weights.</summary>
    private static Network Stargalla(int inputs)
    {
        string Row(params double[] head) => "[" + string.Join(", ", head.Concat(new double[inputs - 2])) + "]";
        return NetworkReader.Parse($$"""
            {
              "format": "pwl-network/1",
              "inputs": {{inputs}},
              "layers": [
                { "activation": "relu", "weights": [{{Row(1, 0)}}, {{Row(0, 1)}}, {{Row(0, -1)}}], "biases": [0, 0, 0] },
                { "activation": "relu", "weights": [[1, -1, 1], [1, 0, 0]], "biases": [0, 0] },
                { "activation": "linear", "weights": [[1, -1]], "biases": [0] }
              ]
            }
            """);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 8)]
    [InlineData(4, 1)]
    [InlineData(4, 16)]
    public void Inputs_with_zero_weights_change_no_count_the_stargalla_example_keeps_seven_five_three_three(int inputs, int cells)
    {
        // Each region and face of the square, times [-1, 1]^(n-2): the same patterns and maps as on the plane.
        var square = DefinitionCounts.All(Stargalla(2), Box.Cube(2, -1, 1));
        Assert.Equal((7L, 5L, 3L, 3L), square);
        Assert.Equal(square, DefinitionCounts.All(Stargalla(inputs), Box.Cube(inputs, -1, 1), cells));
    }

    /// <summary>
    /// One layer of units on the axes, each row ±e_i with a bias in multiples of 1/8, some of them repeated the
    /// opposite way: the arrangement is a grid of boxes with sides at multiples of 1/8, so each face of every
    /// dimension holds a point of the grid of step 1/16 in its relative interior, where the interpreter evaluates
    /// exactly (z = 0 exactly on a face).
    /// </summary>
    private static Network AxisUnits(ulong seed, int inputs, int units)
    {
        var random = new DeterministicRandom(seed);
        var rows = new double[units][];
        var biases = new double[units];
        for (var u = 0; u < units; u++)
        {
            if (u % 3 == 1)
            {
                rows[u] = rows[u - 1].Select(w => -w).ToArray();
                biases[u] = -biases[u - 1];
                continue;
            }
            rows[u] = Axis(inputs, random.NextInt(inputs), random.NextInt(2) == 0 ? 1 : -1);
            biases[u] = (random.NextInt(13) - 6) / 8.0;
        }
        return DefinitionCounts.Relu(inputs, rows, biases, Enumerable.Range(1, units).Select(i => (double)i).ToArray());
    }

    [Theory]
    [InlineData(1, 3, 5)]
    [InlineData(2, 3, 7)]
    [InlineData(3, 4, 6)]
    public void The_patterns_on_faces_of_every_dimension_are_exactly_those_the_interpreter_meets(int seed, int inputs, int units)
    {
        var network = AxisUnits((ulong)seed, inputs, units);
        var interpreter = new Interpreter(network);
        var seen = new HashSet<UInt128>();
        var point = new double[inputs];
        var steps = Enumerable.Range(0, 33).Select(i => -1 + i / 16.0).ToArray();
        for (var index = 0; index < (int)Math.Pow(steps.Length, inputs); index++)
        {
            var rest = index;
            for (var i = 0; i < inputs; i++, rest /= steps.Length) point[i] = steps[rest % steps.Length];
            seen.Add(Fingerprint.Of(interpreter.Pattern(point)));
        }
        var box = Box.Cube(inputs, -1, 1);
        foreach (var cells in new[] { 1, 1 << inputs }) Assert.Equal(seen.Count, DefinitionCounts.Count(network, box, RegionDefinition.Patterns, cells));
        Assert.True(seen.Count > DefinitionCounts.Count(network, box, RegionDefinition.Activation), "the planted opposite units leave patterns on faces");
    }

    [Fact]
    public void Patterns_are_at_least_the_regions_on_random_networks_of_three_and_four_inputs()
    {
        const int cases = 40;
        var refused = 0;
        var boxes = Fuzzing.Cases(maxInputs: 4).Where(c => c.Inputs >= 3);
        Fuzzing.Check(boxes, cases, c =>
        {
            var network = c.Build();
            var patterns = Fuzzing.ExactOrRefused(() => DefinitionCounts.Count(network, c.Box, RegionDefinition.Patterns, cells: 1 + c.Seed % 3));
            var regions = Fuzzing.ExactOrRefused(() => DefinitionCounts.Count(network, c.Box, RegionDefinition.Activation, cells: 1 + c.Seed % 3));
            if (patterns is null || regions is null)
            {
                Interlocked.Increment(ref refused);
                return;
            }
            Assert.True(patterns >= regions, $"R1 = {patterns} < R2 = {regions}");
        }, stream: 17);
        Assert.True(refused * 10 <= cases, $"{refused} of {cases} cases refused: the property checked too little");
    }

    [Fact]
    public void Patterns_do_not_depend_on_the_cells_that_cut_the_regions_on_random_networks()
    {
        // Cells cut regions into pieces with faces of their own on the cells' sides: the patterns found are the same.
        const int cases = 30;
        var refused = 0;
        var boxes = Fuzzing.Cases(maxInputs: 4).Where(c => c.Inputs >= 3);
        Fuzzing.Check(boxes, cases, c =>
        {
            var network = c.Build();
            var whole = Fuzzing.ExactOrRefused(() => DefinitionCounts.Count(network, c.Box, RegionDefinition.Patterns));
            var cut = Fuzzing.ExactOrRefused(() => DefinitionCounts.Count(network, c.Box, RegionDefinition.Patterns, cells: 1 << c.Inputs));
            if (whole is null || cut is null)
            {
                Interlocked.Increment(ref refused);
                return;
            }
            Assert.Equal(whole, cut);
        }, stream: 18);
        Assert.True(refused * 10 <= cases, $"{refused} of {cases} cases refused: the property checked too little");
    }

    [Fact]
    public void A_corner_within_the_undecided_band_of_an_earlier_unit_stops_the_count_of_patterns_only()
    {
        // Layer 1: u0 = relu(0.001 (x + 1) - y), u1 = relu(y), u2 = relu(x + 2) = x + 2 on the box. Between the lines
        // y = 0 and y = 0.001 (x + 1), layer 2's plane x = -1 + s (relu(u2 - 1 - s)) makes a corner at y = 0.001 s =
        // 2e-13: 16 times closer to u1's plane y = 0 than a corner may be (1e-14 of the domain's diameter) to count as on
        // it, yet farther than that (the corners at y = 0 lie as close to u0's plane). The engine met u0 and u1 before those
        // corners existed; the faces meet them all: the regions
        // count, the patterns say double precision cannot tell.
        const double s = 2e-10;
        var network = new Network(3, [
            new Layer(Activation.Relu, 3, 3, [0.001, -1, 0, 0, 1, 0, 1, 0, 0], [0.001, 0, 2]),
            new Layer(Activation.Relu, 1, 3, [0, 0, 1], [-1 - s]),
            new Layer(Activation.Linear, 1, 1, [1], [0])]);
        var box = Box.Cube(3, -1, 1);
        // Layer 1 leaves three regions (u0 and u1 cannot both be off inside the box), each of which x = -1 + s splits.
        Assert.Equal(6, DefinitionCounts.Count(network, box, RegionDefinition.Activation));
        var refusal = Assert.Throws<InvalidRequestException>(() => DefinitionCounts.Count(network, box, RegionDefinition.Patterns));
        Assert.Contains("double precision cannot tell whether a corner of a region lies on this unit's boundary", refusal.Message);
        // The corners at y = 0 lie as close to u0's plane: whichever face is met first names its unit.
        Assert.Matches("^layer 1 unit [12]:", refusal.Message);
    }

    private static double[] Axis(int n, int i, double sign)
    {
        var row = new double[n];
        row[i] = sign;
        return row;
    }
}
