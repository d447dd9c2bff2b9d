using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// The reference evaluator: one point at a time, written for clarity. It is the specification that
/// the SIMD and generated evaluators must match bit for bit.
/// </summary>
public sealed class Interpreter
{
    private readonly Network network;
    private readonly double[] bufferA;
    private readonly double[] bufferB;
    private readonly double[] preActivation;

    public Interpreter(Network network)
    {
        this.network = network;
        bufferA = new double[network.MaxRows];
        bufferB = new double[network.MaxRows];
        preActivation = new double[network.MaxRows];
    }

    public Network Network => network;

    /// <summary>Evaluates the network at <paramref name="x"/>, writing the packed pattern and the outputs.</summary>
    public void Evaluate(ReadOnlySpan<double> x, Span<ulong> pattern, Span<double> output)
    {
        if (x.Length != network.Inputs) throw new ArgumentException($"{x.Length} coordinates, expected {network.Inputs}", nameof(x));
        if (pattern.Length < network.Layout.Words) throw new ArgumentException("pattern buffer too small", nameof(pattern));
        pattern[..network.Layout.Words].Clear();
        var layout = network.Layout;
        ReadOnlySpan<double> input = x;
        var next = bufferA;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var z = preActivation.AsSpan(0, layer.Rows);
            for (var r = 0; r < layer.Rows; r++) z[r] = UnitState.PreActivation(layer.Row(r), layer.Biases[r], input);

            var slot = layout.FirstSlot(l);
            var kind = layer.Kind();
            for (var u = 0; u < layer.ActivationUnits; u++)
            {
                int state;
                if (kind.IsGroup)
                {
                    var group = z.Slice(u * layer.Rank, layer.Rank);
                    state = kind.State(group);
                    next[u] = z[kind.Row(u, layer.Rank, state)];
                }
                else
                {
                    state = kind.State(z[u]);
                    next[u] = kind.Output(z[u], layer.SlopeOf(u));
                }
                if (layer.IsPiecewise)
                {
                    var (word, shift) = layout.Slots[slot + u];
                    pattern[word] |= (ulong)state << shift;
                }
            }
            // Carried rows are linear units: their pre-activations pass through after the activation's outputs.
            z[layer.UnitRows..].CopyTo(next.AsSpan(layer.ActivationUnits, layer.Carried));
            input = next.AsSpan(0, layer.Units);
            next = next == bufferA ? bufferB : bufferA;
        }
        input.CopyTo(output);
    }

    public ulong[] Pattern(ReadOnlySpan<double> x)
    {
        var pattern = new ulong[network.Layout.Words];
        Evaluate(x, pattern, new double[network.Outputs]);
        return pattern;
    }

    public double[] Forward(ReadOnlySpan<double> x)
    {
        var output = new double[network.Outputs];
        Evaluate(x, new ulong[network.Layout.Words], output);
        return output;
    }
}
