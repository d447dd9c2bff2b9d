using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Kernel.Numerics;

namespace Regions.Grains.Sampling;

/// <summary>
/// Produces the sample points of one cell in batches, as structure-of-arrays. The stream depends only
/// on (job seed, cell index), never on which thread or process runs the cell: a random point's coordinates are
/// <see cref="CounterRandom"/> values of (seed, cell, point index, axis), so neither the batch size nor the
/// vector width changes them.
/// </summary>
public sealed class PointSampler
{
    private readonly Box cell;
    private readonly SamplerKind kind;
    private readonly double[] alpha;
    private readonly double[] shift;
    private readonly ulong seed;
    private readonly uint stream;
    private long produced;

    public PointSampler(Box cell, SamplerKind kind, ulong seed, int cellIndex)
    {
        this.cell = cell;
        this.kind = kind;
        this.seed = seed;
        stream = (uint)cellIndex;
        // The lattice's shift keeps its own generator: its points are the same as before the random sampler changed.
        var random = DeterministicRandom.ForStream(seed, (ulong)cellIndex);
        alpha = KroneckerSteps(cell.Dimension);
        shift = new double[cell.Dimension];
        for (var j = 0; j < shift.Length; j++) shift[j] = random.NextDouble();
    }

    /// <summary>Fills coordinates of <paramref name="count"/> points: point p, axis j at <c>points[j * stride + p]</c>.</summary>
    public void Next(Span<double> points, int stride, int count)
    {
        if (kind == SamplerKind.Random) FillRandom(points, stride, count);
        else FillLattice(points, stride, count);
        produced += count;
    }

    // Called once per batch: full optimisation from the first call, not after a cell's worth of tier-0 batches.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void FillRandom(Span<double> points, int stride, int count)
    {
        var dimension = cell.Dimension;
        for (var pair = 0; 2 * pair < dimension; pair++)
        {
            var even = points.Slice(2 * pair * stride, count);
            var odd = 2 * pair + 1 < dimension ? points.Slice((2 * pair + 1) * stride, count) : [];
            CounterRandom.Fill(seed, stream, (ulong)produced, pair, even, odd);
        }
        var lanes = System.Numerics.Vector<double>.Count;
        for (var j = 0; j < dimension; j++)
        {
            var (lower, width) = (cell.Lower[j], cell.Width(j));
            var axis = points.Slice(j * stride, count);
            var p = 0;
            // Lane by lane the scalar formula below: a multiply then an add, never fused.
            var (vLower, vWidth) = (new System.Numerics.Vector<double>(lower), new System.Numerics.Vector<double>(width));
            for (; p + lanes <= count; p += lanes)
            {
                var unit = new System.Numerics.Vector<double>(axis.Slice(p, lanes));
                (vLower + vWidth * unit).CopyTo(axis.Slice(p, lanes));
            }
            for (; p < count; p++) axis[p] = lower + width * axis[p];
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void FillLattice(Span<double> points, int stride, int count)
    {
        var lanes = System.Numerics.Vector<double>.Count;
        for (var j = 0; j < cell.Dimension; j++)
        {
            var lower = cell.Lower[j];
            var width = cell.Width(j);
            var p = 0;
            // Vector lanes compute exactly the scalar formula below (indices are exact doubles below 2^53).
            var laneIndex = System.Numerics.Vector<double>.Indices;
            var (vShift, vAlpha, vLower, vWidth) = (new System.Numerics.Vector<double>(shift[j]), new System.Numerics.Vector<double>(alpha[j]),
                new System.Numerics.Vector<double>(lower), new System.Numerics.Vector<double>(width));
            for (; p + lanes <= count; p += lanes)
            {
                var index = new System.Numerics.Vector<double>(produced + p + 1) + laneIndex;
                var t = vShift + index * vAlpha;
                (vLower + vWidth * (t - System.Numerics.Vector.Floor(t))).CopyTo(points.Slice(j * stride + p, lanes));
            }
            for (; p < count; p++)
            {
                // Cranley-Patterson rotated R_d sequence: frac(shift + (i + 1) * alpha).
                var t = shift[j] + (double)(produced + p + 1) * alpha[j];
                points[j * stride + p] = lower + width * (t - Math.Floor(t));
            }
        }
    }

    /// <summary>alpha_j = phi_d^-(j+1), with phi_d the positive root of x^(d+1) = x + 1 (Roberts' R_d sequence).</summary>
    private static double[] KroneckerSteps(int d)
    {
        var phi = 2.0;
        for (var i = 0; i < 100; i++) phi = Math.Pow(1 + phi, 1.0 / (d + 1));
        var steps = new double[d];
        for (var j = 0; j < d; j++) steps[j] = Math.Pow(1 / phi, j + 1) % 1;
        return steps;
    }
}
