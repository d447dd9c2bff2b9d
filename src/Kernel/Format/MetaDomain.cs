using System.Text.Json.Nodes;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Format;

/// <summary>
/// <c>meta.domain</c> = { "lower": [...], "upper": [...], "box": "LO:HI,..." }: the box a construction's counts
/// hold in, written by the constructions and read by the counting verbs when no box is given, in one place.
/// </summary>
public static class MetaDomain
{
    public static JsonObject Write(Box domain) => new()
    {
        ["lower"] = Numbers(domain.Lower),
        ["upper"] = Numbers(domain.Upper),
        ["box"] = domain.ToString(),
    };

    /// <summary>The network's recorded domain, or null when it records none; a malformed one is refused.</summary>
    public static Box? Read(Network network)
    {
        if (network.Meta?["domain"] is not JsonObject domain) return null;
        try
        {
            var lower = domain["lower"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            var upper = domain["upper"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            if (lower.Length != network.Inputs) throw new InvalidRequestException($"meta.domain has {lower.Length} sides, the network {network.Inputs} inputs");
            // The range is checked side by side before the box exists, so an overflowing side is named as such.
            for (var i = 0; i < Math.Min(lower.Length, upper.Length); i++)
            {
                if (DomainLimits.Problem(lower[i], upper[i]) is { } problem)
                    throw new InvalidRequestException($"meta.domain: side {i + 1} ({lower[i]:R}:{upper[i]:R}) {problem}; give a box instead");
            }
            return new Box(lower, upper);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            throw new InvalidRequestException($"meta.domain is not a valid box ({e.Message}); give a box instead");
        }
    }

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
