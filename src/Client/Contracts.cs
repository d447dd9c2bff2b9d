using System.Text.Json;
using System.Text.Json.Serialization;

namespace Regions.Client;

// The HTTP/JSON contract of `regions serve`, shared by the server and this client.

/// <summary>
/// A counting job. <see cref="Network"/> is a pwl-network/1 document; <see cref="Box"/> defaults to the
/// network's meta.domain; <see cref="Definition"/> is activation, linear, affine or patterns (all but activation need the
/// exact method; POST /jobs takes activation and linear only).
/// With a <see cref="Slice"/> the job counts on that segment or plane, sampled or exact, and <see cref="Box"/>
/// (then required) is the box of the slice's parameters.
/// </summary>
public sealed record JobRequest(
    JsonElement Network,
    string? Box = null,
    string Method = "sample",
    long Points = 1_000_000,
    int Cells = 64,
    ulong Seed = 0,
    string Sampler = "random",
    string Definition = "activation",
    SliceRequest? Slice = null);

/// <summary>
/// A segment (one direction) or plane (two) through the input space: x = origin + y_1 directions[0] [+ y_2 directions[1]],
/// each vector with as many coordinates as the network has inputs (as <c>regions count --segment/--plane</c>).
/// </summary>
public sealed record SliceRequest(double[] Origin, double[][] Directions);

public sealed record Estimate(string Method, double Regions, double Lower95, double Upper95, long SeenOnce, long SeenTwice);

/// <summary>
/// A job's progress; <see cref="Regions"/> is set when it is done (a lower bound for sampling jobs).
/// <see cref="Points"/> and <see cref="PointsDone"/> are null for exact jobs, which sample no points.
/// </summary>
public sealed record JobStatusResponse(
    long Id,
    string State,
    string Method,
    int Cells,
    int CellsDone,
    long? Points,
    long? PointsDone,
    long DistinctSoFar,
    int SilosWorking,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    double? EtaSeconds,
    long? Regions,
    bool? LowerBound,
    Estimate? Estimate,
    string Definition = "activation")
{
    /// <summary>Why a failed job failed.</summary>
    public string? Error { get; init; }
}

/// <summary>A synchronous count of a small job; <see cref="Points"/> is null for an exact count.</summary>
public sealed record CountResponse(long Regions, string Method, string Definition, bool LowerBound, long? Points, int Cells, double Seconds, Estimate? Estimate);

public sealed record EvaluateRequest(JsonElement Network, double[] Point);

public sealed record AffineMapResponse(double[] Gradient, double Offset);

/// <summary>The activation pattern at a point and the affine maps that hold in its region (eq. (7) of Montufar et al. 2014).</summary>
public sealed record EvaluateResponse(
    int[][] States,
    string Fingerprint,
    double[] Outputs,
    AffineMapResponse[] OutputMaps,
    AffineMapResponse[][] PreActivationMaps);

/// <summary>An architecture: n0 inputs, hidden widths, maxout rank (null for relu) and linear outputs (for the parameter counts).</summary>
public sealed record BoundsRequest(int Inputs, int[] Widths, int? Rank = null, int Outputs = 1);

/// <summary>One bound: <see cref="Value"/> is an exact decimal string (null when <see cref="NotApplicable"/> gives the reason).</summary>
public sealed record BoundResponse(string Id, string Name, string Citation, string Kind, string Subject, string? Value, string Formula, string? NotApplicable);

public sealed record ConstructionRequest(int Inputs, int[]? Widths = null, int? Rank = null, ulong Seed = 0);

/// <summary>An RFC 7807 problem, as every error of the API is reported.</summary>
/// <summary>An RFC 7807 problem; <see cref="Code"/> says what kind of refusal it is (invalid-request, invalid-network, over-budget, undecidable, out-of-range, not-found, ...) and <see cref="Field"/> which request field, when one is at fault.</summary>
public sealed record Problem(string? Title, int? Status, string? Detail, string? Code = null, string? Field = null);

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
