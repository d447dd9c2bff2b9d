using Regions.Kernel;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;

namespace Regions.Grains.Jobs;

public enum CountMethod
{
    /// <summary>Evaluate points and count distinct patterns: a lower bound.</summary>
    Sample,

    /// <summary>Enumerate every region that meets each cell: the exact count.</summary>
    Exact,
}

/// <summary>What counts as one region (see the format spec).</summary>
public enum RegionDefinition
{
    /// <summary>A full-dimensional set of inputs sharing one activation pattern.</summary>
    Activation,

    /// <summary>A maximal connected set on which the output is one affine map: adjacent activation regions with equal maps merge.</summary>
    Linear,

    /// <summary>A distinct affine output map over the domain, wherever it holds: regions with equal maps count once, adjacent or not.</summary>
    Affine,

    /// <summary>An activation pattern realised somewhere in the domain, on a full-dimensional region or only on a lower-dimensional face.</summary>
    Patterns,
}

public enum SamplerKind
{
    /// <summary>Seeded uniform points, independent per cell.</summary>
    Random,

    /// <summary>A randomly shifted Kronecker (R_d) lattice: stratified, and never on rational fold lines.</summary>
    Lattice,
}

/// <summary>
/// One counting job: a network, a domain box split into <see cref="Cells"/> cells, and how to count.
/// A cell is the unit of work: the embedded runner and cluster silos execute the very same cell items.
/// </summary>
public sealed record CountJob(Network Network, Box Domain, CountMethod Method, long Points, int Cells, ulong Seed, SamplerKind Sampler)
{
    /// <summary>What counts as a region: activation regions (the default, the only one sampling counts) or another notion (exact methods only).</summary>
    public RegionDefinition Definition { get; init; } = RegionDefinition.Activation;

    /// <summary>
    /// A segment or plane through the input space to count on, exactly or by sampling; <see cref="Domain"/> is then
    /// a box of the slice's parameters. Null: the domain is a box of the inputs.
    /// </summary>
    public AffineSlice? Slice { get; init; }

    /// <summary>The budgets this job is checked against (the command line may have raised them).</summary>
    public ResourceLimits Limits { get; init; } = ResourceLimits.Default;

    /// <summary>What the code can represent, whatever the budgets.</summary>
    public const int MaxCells = 10_000_000;
    public const long MaxPoints = 10_000_000_000_000;

    /// <summary>
    /// Checks the job's parameters, with a message meant for the user: everything a cell would refuse, and the
    /// budgets, so that a job that cannot run is refused before it exists rather than failing in every worker.
    /// </summary>
    /// <param name="threads">Worker threads the memory estimate assumes; 0: this machine's cores.</param>
    public CountJob Validated(int threads = 0)
    {
        if (Slice is null && Domain.Dimension != Network.Inputs)
            throw new InvalidRequestException($"the box has {Domain.Dimension} sides but the network has {Network.Inputs} inputs");
        if (Slice is not null)
        {
            if (Slice.Inputs != Network.Inputs)
                throw new InvalidRequestException($"the slice has {Slice.Inputs} coordinates but the network has {Network.Inputs} inputs");
            if (Domain.Dimension != Slice.Dimension)
                throw new InvalidRequestException($"the slice has {Slice.Dimension} parameters but its box has {Domain.Dimension} sides");
        }
        if (Definition != RegionDefinition.Activation && Method != CountMethod.Exact)
            throw new InvalidRequestException($"{Definition.ToToken()} regions need the exact method (sampling counts activation regions only)");
        // Every entry point checks its box as it reads it; this catches any job built another way.
        DomainLimits.Check(Domain, "the box");
        if (Cells < 1 || Cells > MaxCells)
            throw new InvalidRequestException($"cells must be in [1, {MaxCells}], got {Cells}");
        Limits.Check(Cells, "cells", () => $"job has {Cells:N0} cells");
        // The box enumerator's own refusal, made here so that no silo worker ever takes such a cell.
        if (Method == CountMethod.Exact && Slice is null && Network.Inputs > ExactTolerance.MaxBoxDimension)
            throw new InvalidRequestException(BoxEnumerator.TooManyInputs(Network.Inputs));
        // A cell must be a proper box, or every silo that takes it fails: checked before the job exists.
        if (new Cells.CellGrid(Domain, Cells).AxisWithEmptyCells() is var axis and >= 0)
            throw new InvalidRequestException($"side {axis + 1} of the box ({Domain.Lower[axis]:R} to {Domain.Upper[axis]:R}) is too narrow to split into cells of positive width; use a wider box or fewer cells");
        if (Method == CountMethod.Sample)
        {
            if (Points < 1 || Points > MaxPoints)
                throw new InvalidRequestException($"points must be in [1, {MaxPoints}], got {Points}");
            Limits.Check(Points, "points", () => $"job has {Points:N0} points");
            if (Points < Cells)
                throw new InvalidRequestException($"{Points} points cannot cover {Cells} cells: give at least one point per cell");
            // Evaluators cannot tell a sign that overflowed; exact enumeration detects it itself, per piece.
            // On a slice, over a box of the inputs holding the slice's image of the parameter box.
            ValueBounds.CheckFinite(UnitScaling.Of(Network).Network, Slice?.BoundingBox(Domain) ?? Domain);
        }
        var workers = threads > 0 ? threads : Environment.ProcessorCount;
        var bytes = MemoryEstimate.Bytes(Network, Method == CountMethod.Sample, workers);
        Limits.Check(bytes, "memory", () => $"job needs an estimated {ResourceLimits.Bytes(bytes)} (network copies and scratch for {workers} worker threads)");
        return this;
    }

    /// <summary>
    /// Refuses what a distributed job cannot count: affine maps and patterns are counted by the embedded runner only
    /// (<c>regions count</c>, POST /count), not merged across silos.
    /// </summary>
    public CountJob Distributable()
    {
        if (Definition is RegionDefinition.Affine or RegionDefinition.Patterns)
            throw new InvalidRequestException("definition", $"{Definition.ToToken()} is counted by regions count and POST /count only; distributed jobs count activation or linear regions");
        return this;
    }

    /// <summary>Points assigned to one cell: an even share, the remainder going to the first cells.</summary>
    public long PointsInCell(int cell) => Points / Cells + (cell < Points % Cells ? 1 : 0);
}
