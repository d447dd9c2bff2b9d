using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Geometry;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;
using Regions.Silo.Commands;

namespace Regions.Silo.Reproduce;

/// <summary>
/// Sec. 11 of the appendix of Montufar, Pascanu, Cho, Bengio 2014 from the committed files: for each trained network,
/// its hidden units and parameters, the training points it misclassifies, and its activation and linear regions in
/// the data's box, both counted exactly by the job <c>regions count --method exact</c> runs.
/// </summary>
internal static class SinusoidExperiment
{
    /// <summary>Cells of the exact counts: the count does not depend on it; 16 keeps two cores busy on these small nets.</summary>
    public const int Cells = 16;

    public static SinusoidRun Run(SinusoidFixtures fixtures, int threads)
    {
        var limits = ResourceLimits.Default;
        var manifest = fixtures.Manifest;
        var table = DataFile.Read(fixtures.PathOf(manifest.DataFile), limits);
        var labels = Labels(table, manifest.DataFile);
        var rows = new List<SinusoidRow>();
        foreach (var model in manifest.Models)
        {
            var network = ModelFiles.Read(fixtures.PathOf(model.File), limits);
            if (network.Inputs != 2 || network.Outputs != 1)
                throw new Kernel.InvalidRequestException("fixtures", $"{model.File} is a {network.Describe()} network; the experiment's networks have 2 inputs and 1 output");
            var activation = Exact(network, manifest.Box, RegionDefinition.Activation, threads);
            var linear = Exact(network, manifest.Box, RegionDefinition.Linear, threads);
            rows.Add(new SinusoidRow(model, network, Misclassified(network, table.Rows, labels), activation, linear));
        }
        return new SinusoidRun(manifest, table.Rows.Count, rows);
    }

    /// <summary>The exact count of one definition in the box: the job <c>regions count --method exact --box ...</c> builds.</summary>
    public static long Exact(Network network, Box box, RegionDefinition definition, int threads)
    {
        var job = new CountJob(network, box, CountMethod.Exact, 0, Cells, 0, SamplerKind.Random) { Definition = definition };
        return EmbeddedRunner.Run(job, threads).Regions;
    }

    /// <summary>Points whose predicted class (1 where the logit is positive, as the training script decides) differs from their label.</summary>
    public static int Misclassified(Network network, IReadOnlyList<double[]> points, IReadOnlyList<int> labels)
    {
        var interpreter = new Interpreter(network);
        var wrong = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var predicted = interpreter.Forward(points[i])[0] > 0 ? 1 : 0;
            if (predicted != labels[i]) wrong++;
        }
        return wrong;
    }

    private static int[] Labels(DataFile.Table table, string file) =>
        table.Labels?.Select(l => l switch
        {
            "0" => 0,
            "1" => 1,
            _ => throw new Kernel.InvalidRequestException("fixtures", $"{file}: label '{l}' is neither 0 nor 1"),
        }).ToArray() ?? throw new Kernel.InvalidRequestException("fixtures", $"{file} has no label column");
}

/// <summary>The table's rows and what they were computed from.</summary>
internal sealed record SinusoidRun(SinusoidManifest Manifest, int Points, IReadOnlyList<SinusoidRow> Rows);

/// <summary>One network of the table: the exact counts are in the manifest's box.</summary>
internal sealed record SinusoidRow(SinusoidModel Model, Network Network, int Misclassified, long ActivationRegions, long LinearRegions)
{
    public int HiddenUnits => Model.Hidden.Sum();
}
