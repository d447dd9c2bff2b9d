using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Regions.Client;
using Regions.Kernel.Format;
using Regions.Silo.Formatting;
using Regions.Theory.Bounds;
using Regions.Theory.Constructions;

namespace Regions.Silo.Api;

/// <summary>The papers' side of the API: POST /bounds (every bound of the catalog) and POST /constructions/{name} (a weight file).</summary>
internal static class TheoryEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/bounds", async (HttpRequest request) =>
        {
            var body = await RequestReader.ReadAsync<BoundsRequest>(request);
            if (body.Widths is null) throw new ApiError(StatusCodes.Status400BadRequest, "widths: at least one hidden layer width is needed");
            var bounds = BoundCatalog.For(new Architecture(body.Inputs, body.Widths, body.Rank, body.Outputs));
            return Results.Ok(bounds.Select(b => new BoundResponse(
                b.Id, b.Name, b.Citation, BoundsTable.KindName(b.Kind), b.Subject == BoundSubject.Network ? "network" : "shallow",
                b.ValueText, b.Formula, b.NotApplicableReason)).ToArray());
        }).Accepts<BoundsRequest>("application/json").Produces<BoundResponse[]>().ProducesProblem(400)
        .WithSummary("Bounds on the number of regions")
        .WithDescription("Every bound of the catalog for an architecture (inputs, hidden widths, maxout rank), each as an exact decimal with its formula and citation, or with the reason it does not apply.");

        app.MapPost("/constructions/{name}", async (string name, HttpRequest request) =>
        {
            var body = await RequestReader.ReadAsync<Client.ConstructionRequest>(request);
            if (!NetworkConstructions.Names.Contains(name))
                throw new ApiError(StatusCodes.Status404NotFound, $"no construction named '{name}'; known: {string.Join(", ", NetworkConstructions.Names)}");
            var network = NetworkConstructions.Build(name, new Theory.Constructions.ConstructionRequest(body.Inputs, body.Widths, body.Rank, body.Seed));
            // The network file's own text, so a client saves exactly what `regions construct -o` writes.
            return Results.Text(NetworkWriter.ToJson(network), "application/json");
        }).Accepts<Client.ConstructionRequest>("application/json").Produces<JsonElement>().ProducesProblem(400).ProducesProblem(404)
        .WithSummary("Build a network from the papers")
        .WithDescription("A pwl-network/1 file of the named construction (shallow, pascanu-2n0, montufar, maxout, maxout-rotation, shi, catalan, random), its expected region counts in meta; the same text `regions construct` writes.");
    }
}
