namespace Regions.Kernel.Model;

/// <summary>
/// One affine map followed by a piecewise-linear activation. Weights are row-major
/// <c>[rows, columns]</c> (PyTorch's <c>nn.Linear</c> convention); a maxout layer groups
/// consecutive rows in blocks of <see cref="Rank"/>, one block per unit.
/// </summary>
public sealed class Layer
{
    public const int MaxRank = 1 << 16;

    private readonly double[] weights;
    private readonly double[] biases;

    public Layer(Activation activation, int rows, int columns, double[] weights, double[] biases, int rank = 1, double slope = 0)
    {
        if (rows < 1) throw new ArgumentException("a layer needs at least one row", nameof(rows));
        if (columns < 1) throw new ArgumentException("a layer needs at least one column", nameof(columns));
        if (weights.Length != (long)rows * columns) throw new ArgumentException($"{weights.Length} weights for a {rows}x{columns} layer", nameof(weights));
        if (biases.Length != rows) throw new ArgumentException($"{biases.Length} biases for {rows} rows", nameof(biases));
        if (activation == Activation.Maxout)
        {
            if (rank < 2 || rank > MaxRank) throw new ArgumentException($"maxout rank {rank} is outside [2, {MaxRank}]", nameof(rank));
            if (rows % rank != 0) throw new ArgumentException($"{rows} rows are not a multiple of rank {rank}", nameof(rows));
        }
        else if (rank != 1)
        {
            throw new ArgumentException("only maxout layers have a rank", nameof(rank));
        }
        if (activation == Activation.LeakyRelu && !(slope >= 0 && slope < 1))
            throw new ArgumentException($"leaky_relu slope {slope} is outside [0, 1)", nameof(slope));
        if (activation != Activation.LeakyRelu && slope != 0)
            throw new ArgumentException("only leaky_relu layers have a slope", nameof(slope));
        foreach (var w in weights) if (!double.IsFinite(w)) throw new ArgumentException("weights must be finite", nameof(weights));
        foreach (var b in biases) if (!double.IsFinite(b)) throw new ArgumentException("biases must be finite", nameof(biases));

        Activation = activation;
        Rows = rows;
        Columns = columns;
        Rank = rank;
        Slope = slope;
        this.weights = weights;
        this.biases = biases;
    }

    public Activation Activation { get; }

    /// <summary>Pre-activation rows (for maxout, units x rank).</summary>
    public int Rows { get; }

    /// <summary>Width of the previous layer (or the input dimension).</summary>
    public int Columns { get; }

    /// <summary>Maxout group size; 1 for every other activation.</summary>
    public int Rank { get; }

    /// <summary>Negative-side slope of <c>leaky_relu</c>; 0 otherwise.</summary>
    public double Slope { get; }

    /// <summary>Output width of the layer: rows, or rows / rank for maxout.</summary>
    public int Units => Rows / Rank;

    /// <summary>Distinct states one unit can be in (1 for linear units, which add nothing to a pattern).</summary>
    public int StatesPerUnit => Regions.Kernel.Model.Units.UnitKinds.Of(Activation).States(Rank);

    /// <summary>Bits one unit occupies in a packed pattern: ceil(log2(states)).</summary>
    public int BitsPerUnit => StatesPerUnit <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(StatesPerUnit - 1));

    public bool IsPiecewise => Activation != Activation.Linear;

    public ReadOnlySpan<double> Weights => weights;

    public ReadOnlySpan<double> Biases => biases;

    public ReadOnlySpan<double> Row(int row) => weights.AsSpan(row * Columns, Columns);

    public double Weight(int row, int column) => weights[row * Columns + column];

    public long ParameterCount => (long)Rows * Columns + Rows;
}
