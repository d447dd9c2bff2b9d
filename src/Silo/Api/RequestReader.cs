using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Regions.Client;
using Regions.Grains.Jobs;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel;

namespace Regions.Silo.Api;

/// <summary>Reads request bodies with clear 4xx errors: wrong content type, malformed JSON, invalid networks.</summary>
internal static class RequestReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<T> ReadAsync<T>(HttpRequest request)
    {
        if (!request.HasJsonContentType())
            throw new ApiError(StatusCodes.Status415UnsupportedMediaType, $"expected Content-Type: application/json, got '{request.ContentType ?? "none"}'");
        // The body is checked whole before binding: the serializer lets a repeated key win in silence and fails
        // on invalid UTF-8 only as an internal error.
        var body = await BodyAsync(request);
        try
        {
            StrictJson.Check(body.Span);
            return JsonSerializer.Deserialize<T>(body.Span, Options)
                ?? throw new ApiError(StatusCodes.Status400BadRequest, "the request body is empty");
        }
        catch (StrictJsonException e)
        {
            throw new ApiError(StatusCodes.Status400BadRequest, $"malformed JSON body: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new ApiError(StatusCodes.Status400BadRequest, $"malformed JSON body: {e.Message.Split(" Path:")[0]} (at {e.Path ?? "$"})");
        }
    }

    /// <summary>The whole request body, refused when empty; Kestrel caps its size (MaxRequestBytes, 413 beyond).</summary>
    public static async Task<ReadOnlyMemory<byte>> BodyAsync(HttpRequest request)
    {
        // Not disposed: the memory returned is its buffer (a MemoryStream holds nothing else).
        var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            throw new ApiError(e.StatusCode, e.Message);
        }
        if (buffer.Length == 0) throw new ApiError(StatusCodes.Status400BadRequest, "the request body is empty");
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    public static Network Network(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new ApiError(StatusCodes.Status400BadRequest, "network: expected a pwl-network/1 or pwl-network/2 object");
        try
        {
            return NetworkReader.Parse(element.GetRawText());
        }
        catch (NetworkFormatException e)
        {
            throw new ApiError(StatusCodes.Status400BadRequest, $"network: {e.Message}") { Code = e.Code };
        }
    }

    /// <summary>Turns a job request into a validated job; <paramref name="maxPoints"/> caps what this endpoint accepts.</summary>
    public static CountJob Job(JobRequest request, long maxPoints)
    {
        var network = Network(request.Network);
        var slice = request.Slice is null ? null : Slice(request.Slice);
        var domain = slice is null ? Commands.CommonOptions.ResolveBox(request.Box, network) : SliceBox(request.Box, slice);
        var method = Choice<CountMethod>("method", request.Method);
        var sampler = Choice<SamplerKind>("sampler", request.Sampler);
        var definition = Choice<RegionDefinition>("definition", request.Definition);
        if (request.Points > maxPoints) throw new ApiError(StatusCodes.Status400BadRequest, $"points: {request.Points} exceeds this endpoint's limit of {maxPoints}");
        // Refusals (InvalidRequestException) become 400 problems in ApiServer, their fields named as the API names them.
        return new CountJob(network, domain, method, request.Points, request.Cells, request.Seed, sampler) { Definition = definition, Slice = slice }.Validated();
    }

    /// <summary>A segment or plane as the CLI's --segment and --plane take them; its fit to the network is the job's check.</summary>
    private static AffineSlice Slice(SliceRequest request)
    {
        if (request.Origin is null) throw new InvalidRequestException("slice", "origin is required");
        if (request.Directions is not { Length: 1 or 2 })
            throw new InvalidRequestException("slice", $"a slice is a segment (1 direction) or a plane (2), not {request.Directions?.Length ?? 0} directions");
        if (request.Directions.Any(d => d is null)) throw new InvalidRequestException("slice", "a direction is null");
        try
        {
            var slice = new AffineSlice(request.Origin, request.Directions);
            if (slice.HasParallelDirections) throw new InvalidRequestException("slice", "the two directions are parallel");
            if (slice.Origin.Concat(slice.Directions.SelectMany(v => v)).FirstOrDefault(v => Math.Abs(v) > DomainLimits.MaxCoordinate) is var far and not 0)
                throw new InvalidRequestException("slice", $"{far:R} reaches beyond the supported coordinates -1e150..1e150");
            return slice;
        }
        catch (InvalidRequestException e) when (e.Field is null)
        {
            throw new InvalidRequestException("slice", e.Message);
        }
    }

    /// <summary>The box of a slice's parameters: required, since a slice carries no domain of its own.</summary>
    private static Box SliceBox(string? box, AffineSlice slice)
    {
        if (string.IsNullOrWhiteSpace(box))
            throw new InvalidRequestException("box", $"required with a slice: the range of its {slice.Dimension} parameter{(slice.Dimension == 1 ? "" : "s")}, e.g. {string.Join(",", Enumerable.Repeat("0:1", slice.Dimension))}");
        try
        {
            return Box.Parse(box, slice.Dimension);
        }
        catch (FormatException e)
        {
            throw new InvalidRequestException("box", e.Message);
        }
    }

    private static T Choice<T>(string field, string? token) where T : struct, Enum =>
        JobTokens.TryParse(token, out T value) ? value : throw new ApiError(StatusCodes.Status400BadRequest, $"{field}: '{token}' is not {JobTokens.Alternatives<T>()}");
}
