using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Regions.Client;

namespace Regions.Silo.Api;

/// <summary>POST/GET/DELETE /jobs: asynchronous counting jobs.</summary>
internal static class JobEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/jobs", async (HttpRequest request, IJobService jobs) =>
        {
            var body = await RequestReader.ReadAsync<JobRequest>(request);
            var job = RequestReader.Job(body, ServeOptions.MaxJobPoints).Distributable();
            var status = await jobs.SubmitAsync(job, request.HttpContext.RequestAborted);
            return Results.Created($"/jobs/{status.Id}", status);
        }).Accepts<JobRequest>("application/json").Produces<JobStatusResponse>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(413)
        .WithSummary("Submit a counting job")
        .WithDescription("Validates the network, box and method (400 naming the problem), stores the job and returns its status with Location /jobs/{id}. "
            + "Sampling jobs give a lower bound (distinct activation patterns seen), exact jobs the exact count of activation or linear regions. "
            + "With a slice (origin and one or two directions) either method counts on that segment or plane, box being the range of its parameters. Poll GET /jobs/{id}.");

        app.MapGet("/jobs", async (IJobService jobs, HttpContext context) => Results.Ok(await jobs.ListAsync(context.RequestAborted)))
            .Produces<JobStatusResponse[]>()
            .WithSummary("List jobs")
            .WithDescription("Up to the 100 most recent jobs, with their state and progress.");

        app.MapGet("/jobs/{id:long}", async (long id, IJobService jobs, HttpContext context) =>
            await jobs.GetAsync(id, context.RequestAborted) is { } status ? Results.Ok(status) : NotFound(id))
            .Produces<JobStatusResponse>().ProducesProblem(404)
            .WithSummary("A job's status")
            .WithDescription("State (open, done, cancelled, failed), cells and points done (points are null for exact jobs), and the region count once done.");

        app.MapDelete("/jobs/{id:long}", async (long id, IJobService jobs, HttpContext context) =>
            await jobs.CancelAsync(id, context.RequestAborted) is { } status ? Results.Ok(status) : NotFound(id))
            .Produces<JobStatusResponse>().ProducesProblem(404)
            .WithSummary("Cancel a job")
            .WithDescription("Stops an open job on every worker and returns its status; a job that has already ended keeps its state (done, failed or cancelled).");
    }

    /// <summary>Answered by the API's own problem writer, like every other error (with its code).</summary>
    private static IResult NotFound(long id) => throw new ApiError(StatusCodes.Status404NotFound, $"there is no job {id}");
}
