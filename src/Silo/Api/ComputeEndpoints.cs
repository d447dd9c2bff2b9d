using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Regions.Client;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Evaluation;

namespace Regions.Silo.Api;

/// <summary>Synchronous computations: POST /count for small jobs and POST /evaluate at a point.</summary>
internal static class ComputeEndpoints
{
    public static void Map(WebApplication app, TimeSpan syncTimeout)
    {
        app.MapPost("/count", async (HttpRequest request) =>
        {
            var job = RequestReader.Job(await RequestReader.ReadAsync<JobRequest>(request), ServeOptions.MaxSyncPoints);
            if (job.Method == Grains.Jobs.CountMethod.Exact && (job.Network.PiecewiseUnits > ServeOptions.MaxSyncExactUnits || job.Domain.Dimension > ServeOptions.MaxSyncExactDimensions))
                throw new ApiError(400, $"network: a synchronous exact count takes up to {ServeOptions.MaxSyncExactUnits} piecewise units on a domain of up to {ServeOptions.MaxSyncExactDimensions} dimensions (a box or a slice); submit it to POST /jobs");
            var result = await Bounded(job, syncTimeout, request.HttpContext.RequestAborted);
            var estimate = result.Estimate is { } e ? JobResponses.Estimate(e, result.Singletons, result.Doubletons) : null;
            return Results.Ok(new CountResponse(result.Regions, result.Method.ToToken(), result.Definition,
                result.IsLowerBound, result.Method == Grains.Jobs.CountMethod.Exact ? null : result.Points, result.Cells, result.Seconds, estimate));
        }).Accepts<JobRequest>("application/json").Produces<CountResponse>().ProducesProblem(400).ProducesProblem(413)
        .WithSummary("Count regions now")
        .WithDescription("A small counting job run while the request waits, with the same body as POST /jobs; larger jobs (more points, or exact counts of larger networks) are refused with 400 and belong to POST /jobs.");

        app.MapPost("/evaluate", async (HttpRequest request) =>
        {
            var body = await RequestReader.ReadAsync<EvaluateRequest>(request);
            var network = RequestReader.Network(body.Network);
            if (body.Point is null || body.Point.Length != network.Inputs)
                throw new ApiError(400, $"point: expected {network.Inputs} coordinates, got {body.Point?.Length ?? 0}");
            if (body.Point.Any(v => !double.IsFinite(v))) throw new ApiError(400, "point: coordinates must be finite");
            var maps = RegionMaps.At(network, body.Point);
            var states = network.StatesByLayer(maps.Pattern);
            static AffineMapResponse Map(AffineMap m) => new(m.Gradient, m.Offset);
            return Results.Ok(new EvaluateResponse(
                states,
                Fingerprint.ToHex(Fingerprint.Of(maps.Pattern)),
                new Interpreter(network).Forward(body.Point),
                maps.Outputs.Select(Map).ToArray(),
                maps.PreActivations.Select(rows => rows.Select(Map).ToArray()).ToArray()));
        }).Accepts<EvaluateRequest>("application/json").Produces<EvaluateResponse>().ProducesProblem(400).ProducesProblem(413)
        .WithSummary("Evaluate a network at a point")
        .WithDescription("The activation pattern at the point (unit states per layer and its fingerprint), the outputs, and the affine maps of the outputs and pre-activations that hold in the point's region.");
    }

    /// <summary>Counts within the time limit (past it, a 503 pointing to POST /jobs).</summary>
    private static Task<Grains.Jobs.CountResult> Bounded(Grains.Jobs.CountJob job, TimeSpan limit, CancellationToken aborted) =>
        SyncLimit.RunAsync(cancel => EmbeddedRunner.Run(job, cancel: cancel), limit, aborted, "count", "submit it to POST /jobs");
}
