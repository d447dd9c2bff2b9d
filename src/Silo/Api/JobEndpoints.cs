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
            var job = RequestReader.Job(body, ServeOptions.MaxJobPoints);
            var status = await jobs.SubmitAsync(job, request.HttpContext.RequestAborted);
            return Results.Created($"/jobs/{status.Id}", status);
        }).Accepts<JobRequest>("application/json").Produces<JobStatusResponse>(StatusCodes.Status201Created).ProducesProblem(400);

        app.MapGet("/jobs", async (IJobService jobs, HttpContext context) => Results.Ok(await jobs.ListAsync(context.RequestAborted)))
            .Produces<JobStatusResponse[]>();

        app.MapGet("/jobs/{id:long}", async (long id, IJobService jobs, HttpContext context) =>
            await jobs.GetAsync(id, context.RequestAborted) is { } status ? Results.Ok(status) : NotFound(id))
            .Produces<JobStatusResponse>().ProducesProblem(404);

        app.MapDelete("/jobs/{id:long}", async (long id, IJobService jobs, HttpContext context) =>
            await jobs.CancelAsync(id, context.RequestAborted) is { } status ? Results.Ok(status) : NotFound(id))
            .Produces<JobStatusResponse>().ProducesProblem(404);
    }

    private static IResult NotFound(long id) => Results.Problem(statusCode: 404, detail: $"there is no job {id}");
}
