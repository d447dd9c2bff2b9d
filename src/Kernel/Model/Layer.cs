namespace Regions.Kernel.Model;

/// <summary>
/// One affine map followed by a piecewise-linear activation. Weights are row-major
/// <c>[rows, columns]</c> (PyTorch's <c>nn.Linear</c> convention); a maxout layer groups
/// consecutive rows in blocks of <see cref="Rank"/>, one block per unit.
/// </summary>
/// <remarks>
/// A layer lowered from a <c>pwl-network/2</c> graph may end with <see cref="Carried"/> rows: values a later node
/// still reads (the input of a skip connection), passed through unchanged. They are linear units: they add nothing to
/// a pattern and split no region. A <c>leaky_relu</c> layer may give each unit its own slope (a per-channel PReLU).
/// </remarks>
public sealed class Layer
{
    public const int MaxRank = 1 << 16;

    private readonly double[] weights;
    private readonly double[] biases;
    private readonly double[]? slopes;

    public Layer(Activation activation, int rows, int columns, double[] weights, double[] biases, int rank = 1, double slope = 0,
        int carried = 0, double[]? slopes = null)
    {
        if (carried < 0 || carried > rows) throw new ArgumentException($"{carried} carried rows of {rows}", nameof(carried));
        if (carried == rows && activation != Activation.Linear) throw new ArgumentException("a layer needs at least one unit row besides its carried rows", nameof(carried));
        if (rows < 1) throw new ArgumentException("a layer needs at least one row", nameof(rows));
        if (columns < 1) throw new ArgumentException("a layer needs at least one column", nameof(columns));
        if (weights.Length != (long)rows * columns) throw new ArgumentException($"{weights.Length} weights for a {rows}x{columns} layer", nameof(weights));
        if (biases.Length != rows) throw new ArgumentException($"{biases.Length} biases for {rows} rows", nameof(biases));
        if (activation == Activation.Maxout)
        {
            if (rank < 2 || rank > MaxRank) throw new ArgumentException($"maxout rank {rank} is outside [2, {MaxRank}]", nameof(rank));
            if ((rows - carried) % rank != 0) throw new ArgumentException($"{rows - carried} unit rows are not a multiple of rank {rank}", nameof(rows));
        }
        else if (rank != 1)
        {
            throw new ArgumentException("only maxout layers have a rank", nameof(rank));
        }
        if (activation == Activation.LeakyRelu && !(slope >= 0 && slope < 1))
            throw new ArgumentException($"leaky_relu slope {slope} is outside [0, 1)", nameof(slope));
        if (activation != Activation.LeakyRelu && slope != 0)
            throw new ArgumentException("only leaky_relu layers have a slope", nameof(slope));
        if (slopes is not null)
        {
            if (activation != Activation.LeakyRelu) throw new ArgumentException("only leaky_relu layers have per-unit slopes", nameof(slopes));
            if (slope != 0) throw new ArgumentException("give one slope or per-unit slopes, not both", nameof(slopes));
            if (slopes.Length != (rows - carried) / rank) throw new ArgumentException($"{slopes.Length} slopes for {(rows - carried) / rank} units", nameof(slopes));
            // PReLU learns its slopes: any finite value (negative, above 1) is still a two-piece unit.
            foreach (var a in slopes) if (!double.IsFinite(a)) throw new ArgumentException("slopes must be finite", nameof(slopes));
        }
        foreach (var w in weights) if (!double.IsFinite(w)) throw new ArgumentException("weights must be finite", nameof(weights));
        foreach (var b in biases) if (!double.IsFinite(b)) throw new ArgumentException("biases must be finite", nameof(biases));

        Activation = activation;
        Rows = rows;
        Columns = columns;
        Rank = rank;
        Slope = slope;
        Carried = carried;
        this.slopes = slopes;
        this.weights = weights;
        this.biases = biases;
    }

    public Activation Activation { get; }

    /// <summary>Pre-activation rows: the units' rows (for maxout, units x rank), then the <see cref="Carried"/> rows.</summary>
    public int Rows { get; }

    /// <summary>Trailing rows passed through unchanged (linear units that a later layer reads); 0 for a <c>pwl-network/1</c> layer.</summary>
    public int Carried { get; }

    /// <summary>The rows the activation reads: <see cref="Rows"/> less the carried ones.</summary>
    public int UnitRows => Rows - Carried;

    /// <summary>Units the activation applies to (the layer's pattern units, unless it is linear): unit rows / rank.</summary>
    public int ActivationUnits => UnitRows / Rank;

    /// <summary>Width of the previous layer (or the input dimension).</summary>
    public int Columns { get; }

    /// <summary>Maxout group size; 1 for every other activation.</summary>
    public int Rank { get; }

    /// <summary>Negative-side slope of <c>leaky_relu</c> when all units share it; 0 otherwise (see <see cref="SlopeOf"/>).</summary>
    public double Slope { get; }

    /// <summary>True when the units of a <c>leaky_relu</c> layer have slopes of their own.</summary>
    public bool HasUnitSlopes => slopes is not null;

    /// <summary>The negative-side slope of one unit of the activation.</summary>
    public double SlopeOf(int unit) => slopes is null ? Slope : slopes[unit];

    /// <summary>Output width of the layer: the activation's units (rows, or rows / rank for maxout), then the carried rows.</summary>
    public int Units => ActivationUnits + Carried;

    /// <summary>Distinct states one unit can be in (1 for linear units, which add nothing to a pattern).</summary>
    public int StatesPerUnit => Regions.Kernel.Model.Units.UnitKinds.Of(Activation).States(Rank);

    /// <summary>Bits one unit occupies in a packed pattern: ceil(log2(states)).</summary>
    public int BitsPerUnit => StatesPerUnit <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(StatesPerUnit - 1));

    public bool IsPiecewise => Activation != Activation.Linear;

    public ReadOnlySpan<double> Weights => weights;

    public ReadOnlySpan<double> Biases => biases;

    public ReadOnlySpan<double> Row(int row) => weights.AsSpan(row * Columns, Columns);

    public double Weight(int row, int column) => weights[row * Columns + column];

    public long ParameterCount => (long)Rows * Columns + Rows + (slopes?.Length ?? 0);
}
