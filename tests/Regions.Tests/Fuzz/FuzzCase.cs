using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Fuzz;

/// <summary>The degenerate arrangements an exact method must count right, planted in the first hidden layer.</summary>
public enum Degeneracy
{
    None,
    /// <summary>A row and bias repeated: one hyperplane twice (for maxout, two tied pieces).</summary>
    Duplicate,
    /// <summary>A row repeated times a factor (possibly negative) with another bias: parallel hyperplanes.</summary>
    Parallel,
    /// <summary>Three hyperplanes through one point inside the box.</summary>
    Concurrent,
    /// <summary>A row of zeros, with a zero or non-zero bias.</summary>
    Zero,
    /// <summary>A unit whose pre-activation is negative on the whole box.</summary>
    Dead,
    /// <summary>Hyperplanes through corners of the box.</summary>
    Corners,
    /// <summary>A row and bias repeated with their last bits changed: one hyperplane twice as far as double precision can tell.</summary>
    NearDuplicate,
}

/// <summary>
/// One fuzzed network, described by the few choices that made it (so a failure prints a case that can be
/// rebuilt and kept as a regression test) and built deterministically from them.
/// </summary>
public sealed record FuzzCase(int Seed, int Inputs, int Depth, Activation Activation, Degeneracy Degeneracy)
{
    /// <summary>Widths small enough that an exact n-D count takes milliseconds.</summary>
    private static readonly int[] MaxWidth = [0, 8, 6, 4, 4, 3];

    public Box Box => Box.Cube(Inputs, -1, 1);

    /// <summary>Hidden layers whose units are positively homogeneous (f(cz) = c f(z)), where rescaling keeps the function.</summary>
    public static bool IsHomogeneous(Activation activation) => activation != Activation.HardTanh;

    public Network Build()
    {
        var random = new DeterministicRandom((ulong)Seed);
        var layers = new List<Layer>();
        var columns = Inputs;
        for (var l = 0; l < Depth; l++)
        {
            var width = 2 + random.NextInt(MaxWidth[Inputs] - 1);
            var rank = Activation == Activation.Maxout ? 2 + random.NextInt(2) : 1;
            var weights = new double[width * rank * columns];
            var biases = new double[width * rank];
            // Weights of a few significant digits, as trained and exported nets have, with signs and scales mixed.
            for (var i = 0; i < weights.Length; i++) weights[i] = Math.Round(random.NextUniform(-1, 1), 1 + random.NextInt(6));
            for (var i = 0; i < biases.Length; i++) biases[i] = Math.Round(random.NextUniform(-0.5, 0.5), 1 + random.NextInt(6));
            if (l == 0) Plant(ref random, weights, biases, columns);
            var slope = Activation == Activation.LeakyRelu ? 0.1 * random.NextInt(5) : 0;
            layers.Add(new Layer(Activation, width * rank, columns, weights, biases, rank, slope));
            columns = width;
        }
        var output = new double[columns];
        for (var i = 0; i < output.Length; i++) output[i] = Math.Round(random.NextUniform(-1, 1), 3);
        layers.Add(new Layer(Activation.Linear, 1, columns, output, [0.25]));
        return new Network(Inputs, layers);
    }

    private void Plant(ref DeterministicRandom random, double[] weights, double[] biases, int columns)
    {
        var rows = biases.Length;
        Span<double> row(int r) => weights.AsSpan(r * columns, columns);
        int Other(ref DeterministicRandom rnd, int r) => (r + 1 + rnd.NextInt(rows - 1)) % rows;
        var a = random.NextInt(rows);
        var b = Other(ref random, a);
        switch (Degeneracy)
        {
            case Degeneracy.Duplicate:
                row(a).CopyTo(row(b));
                biases[b] = biases[a];
                break;
            case Degeneracy.NearDuplicate:
                for (var c = 0; c < columns; c++) row(b)[c] = row(a)[c] * (1 + 8.881784197001252e-16);
                biases[b] = biases[a] * (1 - 8.881784197001252e-16);
                break;
            case Degeneracy.Parallel:
                double[] factors = [-1, 0.5, 2, -3];
                var k = factors[random.NextInt(factors.Length)];
                for (var c = 0; c < columns; c++) row(b)[c] = k * row(a)[c];
                biases[b] = biases[a] * k + 0.125;
                break;
            case Degeneracy.Concurrent:
                var point = new double[columns];
                for (var c = 0; c < columns; c++) point[c] = Math.Round(random.NextUniform(-0.5, 0.5), 2);
                for (var r = 0; r < Math.Min(3, rows); r++) biases[r] = -Dot(row(r), point);
                break;
            case Degeneracy.Zero:
                row(a).Clear();
                biases[a] = random.NextInt(2) == 0 ? 0 : 0.3;
                break;
            case Degeneracy.Dead:
                var reach = 0.0;
                foreach (var w in row(a)) reach += Math.Abs(w);
                biases[a] = -reach - 0.0625;
                break;
            case Degeneracy.Corners:
                var corner = new double[columns];
                for (var r = 0; r < Math.Min(2, rows); r++)
                {
                    for (var c = 0; c < columns; c++) corner[c] = random.NextInt(2) == 0 ? -1 : 1;
                    biases[r] = -Dot(row(r), corner);
                }
                break;
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>The case as a C# expression and the network it builds, for a regression test.</summary>
    public override string ToString() =>
        $"new FuzzCase({Seed}, {Inputs}, {Depth}, Activation.{Activation}, Degeneracy.{Degeneracy}) = {NetworkWriter.ToJson(Build())}";
}
