namespace Regions.Kernel.Model.Graph;

/// <summary>A linear map on flattened vectors (a convolution, a pooling average), applied to one vector at a time.</summary>
public delegate void LinearMap(ReadOnlySpan<double> x, Span<double> y);

/// <summary>
/// The affine map from the lowering's current frontier (the last layer's outputs, or the input) to one value of the
/// graph: y = W h + c, W row-major rows x columns, or, before any affine node, a selection of consecutive frontier
/// entries (the identity on the value's own units or carried rows). Each affine node composes onto it, so consecutive
/// affine maps become one (this reorders floating-point sums: the same function up to rounding).
/// </summary>
internal sealed class FrontierMap
{
    private double[]? weights;
    private double[] bias;
    private readonly int first;

    private readonly Action<long, long> reserve;

    /// <summary>The selection of frontier entries <paramref name="first"/> .. first + rows - 1 (the identity when it is all of them).</summary>
    /// <param name="reserve">Called with (rows, columns) before a map of that size is allocated; throws to refuse it.</param>
    public FrontierMap(int columns, int first, int rows, Action<long, long> reserve)
    {
        this.reserve = reserve;
        this.first = first;
        Columns = columns;
        Rows = rows;
        bias = new double[rows];
    }

    private FrontierMap(FrontierMap other)
    {
        reserve = other.reserve;
        first = other.first;
        Columns = other.Columns;
        Rows = other.Rows;
        if (other.weights is not null)
        {
            reserve(Rows, Columns);
            weights = (double[])other.weights.Clone();
        }
        bias = (double[])other.bias.Clone();
    }

    public int Columns { get; }

    public int Rows { get; private set; }

    /// <summary>A copy to compose onto while this one is still read elsewhere.</summary>
    public FrontierMap Clone() => new(this);

    /// <summary>y := D y + shift, D diagonal (scale per row).</summary>
    public void Diagonal(double[] scale, double[] shift)
    {
        var w = Materialized();
        for (var r = 0; r < Rows; r++)
        {
            var s = scale[r];
            if (s != 1) foreach (ref var v in w.AsSpan(r * Columns, Columns)) v *= s;
            bias[r] = s * bias[r] + shift[r];
        }
    }

    /// <summary>y := A y + offset, A dense row-major <paramref name="rows"/> x Rows.</summary>
    public void Dense(double[] a, int rows, double[]? offset)
    {
        var inner = Rows;
        reserve(rows, Columns);
        var next = new double[(long)rows * Columns];
        var nextBias = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var target = next.AsSpan(i * Columns, Columns);
            double b = offset?[i] ?? 0;
            for (var k = 0; k < inner; k++)
            {
                var aik = a[(long)i * inner + k];
                if (aik == 0) continue;
                if (weights is null) target[first + k] += aik;
                else
                {
                    var source = weights.AsSpan(k * Columns, Columns);
                    for (var j = 0; j < Columns; j++) target[j] += aik * source[j];
                }
                b += aik * bias[k];
            }
            nextBias[i] = b;
        }
        weights = next;
        bias = nextBias;
        Rows = rows;
    }

    /// <summary>y := L y + offset for a linear map given as a procedure, applied to each column of W and to c.</summary>
    public void Linear(LinearMap map, int rows, double[]? offset)
    {
        reserve(rows, Columns);
        var next = new double[(long)rows * Columns];
        var column = new double[Rows];
        var image = new double[rows];
        for (var j = 0; j < Columns; j++)
        {
            if (weights is null)
            {
                // A selection's column j is the unit vector at j - first, or zero outside the selected entries.
                if (j < first || j >= first + Rows) continue;
                Array.Clear(column);
                column[j - first] = 1;
            }
            else
            {
                for (var r = 0; r < Rows; r++) column[r] = weights[r * Columns + j];
            }
            Array.Clear(image);
            map(column, image);
            for (var r = 0; r < rows; r++) next[r * Columns + j] = image[r];
        }
        var nextBias = new double[rows];
        map(bias, nextBias);
        if (offset is not null) for (var r = 0; r < rows; r++) nextBias[r] += offset[r];
        weights = next;
        bias = nextBias;
        Rows = rows;
    }

    /// <summary>y := y + other (both over the same frontier, of the same rows): a residual connection.</summary>
    public void Add(FrontierMap other)
    {
        if (other.Rows != Rows || other.Columns != Columns) throw new ArgumentException("maps of different sizes", nameof(other));
        var w = Materialized();
        for (var r = 0; r < Rows; r++)
        {
            var target = w.AsSpan(r * Columns, Columns);
            if (other.weights is null) target[other.first + r] += 1;
            else
            {
                var source = other.weights.AsSpan(r * Columns, Columns);
                for (var j = 0; j < Columns; j++) target[j] += source[j];
            }
            bias[r] += other.bias[r];
        }
    }

    /// <summary>The rows at <paramref name="rows"/> (repeats allowed), as rows of a new layer.</summary>
    public (double[] Weights, double[] Biases) Gather(IReadOnlyList<int> rows)
    {
        reserve(rows.Count, Columns);
        var w = Materialized();
        var weightsOut = new double[(long)rows.Count * Columns];
        var biasesOut = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            w.AsSpan(rows[i] * Columns, Columns).CopyTo(weightsOut.AsSpan(i * Columns, Columns));
            biasesOut[i] = bias[rows[i]];
        }
        return (weightsOut, biasesOut);
    }

    /// <summary>All rows, as rows of a new layer (not copied: the map is not used after it).</summary>
    public (double[] Weights, double[] Biases) ToLayer() => (Materialized(), bias);

    private double[] Materialized()
    {
        if (weights is null)
        {
            reserve(Rows, Columns);
            weights = new double[(long)Rows * Columns];
            for (var i = 0; i < Rows; i++) weights[i * Columns + first + i] = 1;
        }
        return weights;
    }
}
