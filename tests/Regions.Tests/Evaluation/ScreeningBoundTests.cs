using Regions.Kernel.Evaluation;
using Regions.Kernel.Evaluation.Screening;
using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;
using Regions.Kernel.Numerics;
using Regions.Tests.Support;

namespace Regions.Tests.Evaluation;

/// <summary>
/// The error bound itself, row by row: a scalar float evaluation (one rounding per fused multiply-add, as the vector
/// float pass) stays within each row's bound of the double pre-activation, at every layer whose earlier states agree
/// (the condition the bound is derived under).
/// </summary>
public class ScreeningBoundTests
{
    public static TheoryData<string> Networks => ["relu", "leaky", "abs", "hardtanh", "maxout2", "maxout5", "mixed", "wide-relu", "dynamic-range"];

    private static Network Build(string name) => name == "dynamic-range" ? DynamicRange(5) : FloatScreeningTests.Build(name);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_float_pre_activation_is_within_its_row_bound_of_the_double_one(string name)
    {
        var network = Build(name);
        var bounds = ScreeningBounds.Of(network)!;
        var errors = new float[bounds.Rows];
        var random = new DeterministicRandom(101);
        var checkedRows = 0;
        for (var p = 0; p < 300; p++)
        {
            var scale = p % 3 == 0 ? 100 : 2;
            var x = new double[network.Inputs];
            for (var j = 0; j < x.Length; j++) x[j] = scale * (2 * random.NextDouble() - 1);
            var largest = x.Max(Math.Abs);
            Assert.True(bounds.RowBounds(largest, errors));
            var doubles = x;
            var floats = x.Select(v => (float)v).ToArray();
            for (var l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                var zd = new double[layer.Rows];
                var zf = new float[layer.Rows];
                for (var r = 0; r < layer.Rows; r++)
                {
                    zd[r] = UnitState.PreActivation(layer.Row(r), layer.Biases[r], doubles);
                    var acc = (float)layer.Biases[r];
                    for (var j = 0; j < layer.Columns; j++) acc = MathF.FusedMultiplyAdd((float)layer.Weight(r, j), floats[j], acc);
                    zf[r] = acc;
                    var error = errors[bounds.FirstRow(l) + r];
                    Assert.True(Math.Abs(zf[r] - zd[r]) <= error, $"layer {l} row {r}: |{zf[r]} - {zd[r]}| > {error}");
                    checkedRows++;
                }
                if (!SameStates(layer, zd, zf)) break;
                (doubles, floats) = Outputs(layer, zd, zf);
            }
        }
        Assert.True(checkedRows > 300 * network.Layers[0].Rows, $"{checkedRows} rows checked");
    }

    private static bool SameStates(Layer layer, double[] zd, float[] zf)
    {
        var kind = layer.Kind();
        for (var u = 0; u < layer.ActivationUnits; u++)
        {
            if (kind.IsGroup)
            {
                if (kind.State(zd.AsSpan(u * layer.Rank, layer.Rank)) != kind.State(zf.Skip(u * layer.Rank).Take(layer.Rank).Select(v => (double)v).ToArray())) return false;
            }
            else if (kind.State(zd[u]) != kind.State((double)zf[u])) return false;
        }
        return true;
    }

    /// <summary>Each precision's unit outputs, the float ones as the float pass computes them (slope rounded to float, one rounding per product).</summary>
    private static (double[] Doubles, float[] Floats) Outputs(Layer layer, double[] zd, float[] zf)
    {
        var kind = layer.Kind();
        var doubles = new double[layer.Units];
        var floats = new float[layer.Units];
        for (var u = 0; u < layer.ActivationUnits; u++)
        {
            if (kind.IsGroup)
            {
                var state = kind.State(zd.AsSpan(u * layer.Rank, layer.Rank));
                (doubles[u], floats[u]) = (zd[u * layer.Rank + state], zf[u * layer.Rank + state]);
                continue;
            }
            doubles[u] = kind.Output(zd[u], layer.SlopeOf(u));
            floats[u] = layer.Activation switch
            {
                Activation.LeakyRelu => zf[u] > 0 ? zf[u] : zf[u] * (float)layer.SlopeOf(u),
                Activation.Relu => zf[u] > 0 ? zf[u] : 0,
                Activation.Abs => zf[u] > 0 ? zf[u] : -zf[u],
                Activation.HardTanh => zf[u] < -1 ? -1 : zf[u] > 1 ? 1 : zf[u],
                _ => zf[u],
            };
        }
        for (var c = 0; c < layer.Carried; c++) (doubles[layer.ActivationUnits + c], floats[layer.ActivationUnits + c]) = (zd[layer.UnitRows + c], zf[layer.UnitRows + c]);
        return (doubles, floats);
    }

    /// <summary>Weights spread over twelve binades with full 53-bit mantissas: their rounding to float is charged in full.</summary>
    private static Network DynamicRange(ulong seed)
    {
        var random = new DeterministicRandom(seed);
        Layer Dense(Activation activation, int rows, int columns)
        {
            var weights = new double[rows * columns];
            for (var i = 0; i < weights.Length; i++) weights[i] = (random.NextDouble() < 0.5 ? -1 : 1) * Math.Pow(2, 12 * random.NextDouble() - 8);
            var biases = new double[rows];
            for (var i = 0; i < rows; i++) biases[i] = random.NextGaussian();
            return new Layer(activation, rows, columns, weights, biases);
        }
        return new Network(3, [Dense(Activation.Relu, 10, 3), Dense(Activation.Relu, 10, 10), Dense(Activation.Linear, 1, 10)]);
    }
}
