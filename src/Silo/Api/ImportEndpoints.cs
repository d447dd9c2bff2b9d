using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Regions.Kernel.Format;
using Regions.Kernel.Limits;
using Regions.Onnx;

namespace Regions.Silo.Api;

/// <summary>POST /import: an ONNX model, the request body, as the pwl-network/2 graph document `regions import` writes.</summary>
internal static class ImportEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/import", async (HttpRequest request, string? input, string? output) =>
        {
            if (request.ContentType?.Split(';')[0].Trim() != "application/octet-stream")
                throw new ApiError(StatusCodes.Status415UnsupportedMediaType, $"expected Content-Type: application/octet-stream (the ONNX file's bytes), got '{request.ContentType ?? "none"}'");
            var body = await RequestReader.BodyAsync(request);
            // Refusals (InvalidRequestException, naming the node) become 400 problems in ApiServer, as for the CLI's exit 2.
            var network = OnnxImporter.Import(body.Span, new OnnxImportOptions(input, output, ResourceLimits.Default));
            return Results.Text(NetworkWriter.ToJson(network), "application/json");
        }).Accepts<byte[]>("application/octet-stream").Produces(200, contentType: "application/json").ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
        .WithSummary("Import an ONNX model")
        .WithDescription("The body is an ONNX model as PyTorch exports it (opset 9 to 17); the answer is the same function as a pwl-network/2 graph document (each operator as itself: convolutions as kernels, skip connections as add nodes), exactly as `regions import` writes it. `input` and `output` name graph values when there are several. Unsupported operators are refused naming the node.");
    }
}
