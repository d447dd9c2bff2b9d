using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Regions.Client;

/// <summary>A typed client for the HTTP/JSON API of <c>regions serve</c> (embedded or cluster).</summary>
public sealed class RegionsClient
{
    private readonly HttpClient http;

    public RegionsClient(HttpClient http, string? token = null)
    {
        this.http = http;
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public RegionsClient(Uri server, string? token = null) : this(new HttpClient { BaseAddress = server }, token)
    {
    }

    public async Task<JobStatusResponse> SubmitAsync(JobRequest request, CancellationToken cancel = default) =>
        await Send<JobStatusResponse>(HttpMethod.Post, "jobs", request, cancel);

    public async Task<JobStatusResponse> GetJobAsync(long id, CancellationToken cancel = default) =>
        await Send<JobStatusResponse>(HttpMethod.Get, $"jobs/{id}", null, cancel);

    public async Task<IReadOnlyList<JobStatusResponse>> ListJobsAsync(CancellationToken cancel = default) =>
        await Send<JobStatusResponse[]>(HttpMethod.Get, "jobs", null, cancel);

    public async Task<JobStatusResponse> CancelAsync(long id, CancellationToken cancel = default) =>
        await Send<JobStatusResponse>(HttpMethod.Delete, $"jobs/{id}", null, cancel);

    /// <summary>Polls until the job is no longer open.</summary>
    public async Task<JobStatusResponse> WaitAsync(long id, TimeSpan poll, CancellationToken cancel = default)
    {
        while (true)
        {
            var status = await GetJobAsync(id, cancel);
            if (status.State != "open") return status;
            await Task.Delay(poll, cancel);
        }
    }

    public async Task<CountResponse> CountAsync(JobRequest request, CancellationToken cancel = default) =>
        await Send<CountResponse>(HttpMethod.Post, "count", request, cancel);

    public async Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, CancellationToken cancel = default) =>
        await Send<EvaluateResponse>(HttpMethod.Post, "evaluate", request, cancel);

    public async Task<IReadOnlyList<BoundResponse>> BoundsAsync(BoundsRequest request, CancellationToken cancel = default) =>
        await Send<BoundResponse[]>(HttpMethod.Post, "bounds", request, cancel);

    /// <summary>Builds a paper construction; the result is a pwl-network/1 document.</summary>
    public async Task<JsonElement> ConstructAsync(string name, ConstructionRequest request, CancellationToken cancel = default) =>
        await Send<JsonElement>(HttpMethod.Post, $"constructions/{Uri.EscapeDataString(name)}", request, cancel);

    /// <summary>Imports an ONNX model (its bytes) as a pwl-network/1 document; <paramref name="input"/> and <paramref name="output"/> name graph values when there are several.</summary>
    public async Task<JsonElement> ImportAsync(byte[] onnx, string? input = null, string? output = null, CancellationToken cancel = default)
    {
        var query = string.Join("&", new[] { ("input", input), ("output", output) }.Where(q => q.Item2 is not null).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!)}"));
        using var message = new HttpRequestMessage(HttpMethod.Post, query.Length == 0 ? "import" : $"import?{query}") { Content = new ByteArrayContent(onnx) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.SendAsync(message, cancel);
        if (!response.IsSuccessStatusCode) throw await Failure(response, cancel);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json.Options, cancel))!;
    }

    private async Task<T> Send<T>(HttpMethod method, string path, object? body, CancellationToken cancel)
    {
        using var message = new HttpRequestMessage(method, path);
        if (body is not null) message.Content = JsonContent.Create(body, body.GetType(), options: Json.Options);
        using var response = await http.SendAsync(message, cancel);
        if (!response.IsSuccessStatusCode) throw await Failure(response, cancel);
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options, cancel))!;
    }

    private static async Task<RegionsApiException> Failure(HttpResponseMessage response, CancellationToken cancel)
    {
        var text = await response.Content.ReadAsStringAsync(cancel);
        string detail;
        string? code = null;
        try
        {
            var problem = JsonSerializer.Deserialize<Problem>(text, Json.Options);
            detail = problem?.Detail ?? problem?.Title ?? text;
            code = problem?.Code;
        }
        catch (JsonException)
        {
            detail = string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "request failed" : text;
        }
        return new RegionsApiException(response.StatusCode, $"{(int)response.StatusCode} {detail}", code);
    }
}
