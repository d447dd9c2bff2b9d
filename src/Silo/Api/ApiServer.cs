using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regions.Cluster.Hosting;

namespace Regions.Silo.Api;

/// <summary>Builds the HTTP/JSON API: jobs (embedded or cluster), synchronous counts, evaluation, bounds, constructions, OpenAPI.</summary>
internal static class ApiServer
{
    public static WebApplication Build(ServeOptions options, Npgsql.NpgsqlDataSource? database)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The server decides its own endpoints: --urls only. An empty Kestrel section replaces the one read from the
        // environment (Kestrel__Endpoints__...), and UseUrls overrides ASPNETCORE_URLS, so neither can open an
        // endpoint that the token rule did not see.
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Configure(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), reloadOnChange: false);
            k.Limits.MaxRequestBodySize = ServeOptions.MaxRequestBytes;
        });
        builder.Logging.ClearProviders();
        builder.Services.AddOpenApi();
        if (database is null) builder.UseOrleans(silo => silo.UseRegionsInProcess(options.Threads));
        else builder.UseOrleansClient(client => client.UseRegionsCluster(database).UseConnectionRetryFilter(GatewayRetry.WaitForASilo(TimeSpan.FromSeconds(60))));
        builder.Services.AddSingleton<IJobService>(services => new GrainJobService(services.GetRequiredService<Orleans.IGrainFactory>()));
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
                // Routing refuses a wrong content type before any handler runs, with an empty body: explain it.
                if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && !context.Response.HasStarted)
                    await Problem(context, 415, $"expected Content-Type: application/json, got '{context.Request.ContentType ?? "none"}'");
                else if (context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted)
                    await Problem(context, 404, $"no such endpoint: {context.Request.Method} {context.Request.Path}");
                else if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
                    await Problem(context, 405, $"{context.Request.Path} does not take {context.Request.Method}");
                // Any other error the framework answered with an empty body still gets a problem that says which.
                else if (context.Response.StatusCode >= 400 && !context.Response.HasStarted)
                    await Problem(context, context.Response.StatusCode, $"{context.Request.Method} {context.Request.Path}: {ReasonPhrases(context.Response.StatusCode)}");
            }
            catch (ApiError e)
            {
                await Problem(context, e.Status, e.Message, e.Status == StatusCodes.Status400BadRequest ? e.Code : null);
            }
            catch (Regions.Kernel.InvalidRequestException e)
            {
                await Problem(context, StatusCodes.Status400BadRequest, e.Render(field => field), e.Code, e.Field);
            }
            catch (Exception e) when (Regions.Cluster.Database.IsUnreachable(e))
            {
                await Problem(context, StatusCodes.Status503ServiceUnavailable, $"the database is unreachable: {Regions.Cluster.Database.Describe(e)}");
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // A bug still answers in the API's one error format, never an empty 500.
                await Problem(context, StatusCodes.Status500InternalServerError, $"internal error: {e.GetType().Name}: {e.Message}");
            }
        });
        Explorer.ExplorerFiles.Use(app);
        if (options.Token is { } token) app.Use(BearerToken.Require(token));

        app.MapOpenApi();
        app.MapGet("/health", () => Results.Ok(new { status = "ok", mode = database is null ? "in-process silo" : "cluster" }))
            .WithSummary("Liveness")
            .WithDescription("200 while the server is up, and whether jobs run in an in-process silo or on a cluster (with --token, it needs the token like every endpoint).");
        JobEndpoints.Map(app);
        ComputeEndpoints.Map(app, options.SyncTimeout);
        RegionEndpoints.Map(app, options.SyncTimeout);
        TheoryEndpoints.Map(app);
        ImportEndpoints.Map(app);
        return app;
    }

    private static Task Problem(HttpContext context, int status, string detail, string? code = null, string? field = null)
    {
        context.Response.StatusCode = status;
        var problem = new Regions.Client.Problem(ReasonPhrases(status), status, detail, code ?? CodeOf(status), field);
        return context.Response.WriteAsJsonAsync(problem, ProblemJson, "application/problem+json");
    }

    /// <summary>Null members (a problem with no field) are left out.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions ProblemJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The code of a problem the framework or the API answers by status alone.</summary>
    private static string CodeOf(int status) => status switch
    {
        400 => Regions.Kernel.RefusalCodes.InvalidRequest,
        401 => "unauthorized",
        404 => "not-found",
        405 => "method-not-allowed",
        413 => "too-large",
        415 => "unsupported-media-type",
        503 => "unavailable",
        500 => "internal-error",
        _ => "error",
    };

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
