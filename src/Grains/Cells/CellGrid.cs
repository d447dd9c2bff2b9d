using Regions.Kernel.Geometry;

namespace Regions.Grains.Cells;

/// <summary>
/// Splits a box into exactly N congruent cells: the prime factors of N, largest first, each go to the
/// axis whose cells are currently widest. Cell i is a pure function of (box, N, i), so any process
/// can compute any cell without coordination.
/// </summary>
public sealed class CellGrid
{
    private readonly Box domain;
    private readonly int[] perAxis;

    public CellGrid(Box domain, int cells)
    {
        if (cells < 1) throw new ArgumentOutOfRangeException(nameof(cells));
        this.domain = domain;
        Count = cells;
        perAxis = new int[domain.Dimension];
        Array.Fill(perAxis, 1);
        foreach (var factor in PrimeFactorsDescending(cells))
        {
            var widest = 0;
            for (var axis = 1; axis < perAxis.Length; axis++)
            {
                if (domain.Width(axis) / perAxis[axis] > domain.Width(widest) / perAxis[widest]) widest = axis;
            }
            perAxis[widest] *= factor;
        }
    }

    public int Count { get; }

    public IReadOnlyList<int> CellsPerAxis => perAxis;

    public Box Domain => domain;

    /// <summary>The cell with the given index (axis 0 varies fastest). Shared faces use the same coordinates on both sides.</summary>
    public Box Cell(int index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index));
        var n = domain.Dimension;
        var lower = new double[n];
        var upper = new double[n];
        var rest = index;
        for (var axis = 0; axis < n; axis++)
        {
            var k = rest % perAxis[axis];
            rest /= perAxis[axis];
            lower[axis] = Boundary(axis, k);
            upper[axis] = Boundary(axis, k + 1);
        }
        return new Box(lower, upper);
    }

    /// <summary>
    /// The first axis whose cells are not all of positive width in doubles (a side too narrow for its number
    /// of cells, e.g. 5e-324 wide), or -1 when every cell is a proper box.
    /// </summary>
    public int AxisWithEmptyCells()
    {
        for (var axis = 0; axis < perAxis.Length; axis++)
        {
            for (var k = 0; k < perAxis[axis]; k++)
            {
                if (!(Boundary(axis, k) < Boundary(axis, k + 1))) return axis;
            }
        }
        return -1;
    }

    /// <summary>
    /// Boundary k of an axis; the outer boundaries are the domain's own, exactly. Width times k cannot overflow:
    /// jobs keep widths within 2e150 (DomainLimits) and k within 10^7 (MaxCells).
    /// </summary>
    private double Boundary(int axis, int k)
    {
        if (k == 0) return domain.Lower[axis];
        if (k == perAxis[axis]) return domain.Upper[axis];
        return domain.Lower[axis] + domain.Width(axis) * k / perAxis[axis];
    }

    private static IEnumerable<int> PrimeFactorsDescending(int n)
    {
        var factors = new List<int>();
        for (var p = 2; (long)p * p <= n; p++)
        {
            while (n % p == 0)
            {
                factors.Add(p);
                n /= p;
            }
        }
        if (n > 1) factors.Add(n);
        factors.Reverse();
        return factors;
    }
}
