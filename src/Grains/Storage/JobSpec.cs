using System.Globalization;
using Regions.Grains.Jobs;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;

namespace Regions.Grains.Storage;

/// <summary>
/// A counting job as it is stored and sent between grains: the network as its JSON document and every other
/// field as the token the user typed. <see cref="Shards"/> is 0 until the job's grain first runs and chooses it.
/// <see cref="Slice"/> is the segment or plane counted on (<c>O:D1[:D2]</c>, <see cref="AffineSlice.ToString"/>;
/// <see cref="Box"/> is then the box of its parameters), or null for a box of the inputs.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobSpec(long Id, string Network, string Box, string Method, long Points, int Cells, ulong Seed, string Sampler, string Definition, int Shards,
    string? Slice = null)
{
    public static JobSpec From(CountJob job, long id = 0, int shards = 0) => new(
        id,
        NetworkWriter.ToJson(job.Network, indented: false),
        job.Domain.ToString(),
        job.Method.ToToken(),
        job.Points,
        job.Cells,
        job.Seed,
        job.Sampler.ToToken(),
        job.Definition.ToToken(),
        shards,
        job.Slice?.ToString());

    public bool IsExact => Method == CountMethod.Exact.ToToken();

    public bool IsLinear => Definition == RegionDefinition.Linear.ToToken();

    public CountJob ToCountJob()
    {
        // Checked against the submitter's budgets at submission; a silo must not refuse what they raised.
        var network = NetworkReader.Parse(Network, Kernel.Limits.ResourceLimits.Unlimited);
        var slice = Slice is null ? null : AffineSlice.Parse(Slice, network.Inputs);
        return new CountJob(network, Kernel.Geometry.Box.Parse(Box, slice?.Dimension ?? network.Inputs), JobTokens.Parse<CountMethod>(Method), Points, Cells, Seed,
            JobTokens.Parse<SamplerKind>(Sampler))
        {
            Definition = JobTokens.Parse<RegionDefinition>(Definition),
            Slice = slice,
            Limits = Kernel.Limits.ResourceLimits.Unlimited,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"job {Id} ({Method}, {Cells} cells, {Shards} shards)");
}
