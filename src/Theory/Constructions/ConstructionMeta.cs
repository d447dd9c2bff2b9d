using System.Numerics;
using System.Text.Json.Nodes;
using Regions.Kernel.Format;

namespace Regions.Theory.Constructions;

/// <summary>The <c>meta</c> object every construction writes: what it is, where it comes from and what a count should find.</summary>
internal sealed class ConstructionMeta
{
    /// <summary>Integers beyond 2^53 lose digits as JSON numbers in most readers, so they are written as strings.</summary>
    private static readonly BigInteger LargestExactDouble = BigInteger.Pow(2, 53);

    public required string Construction { get; init; }

    public required string Formula { get; init; }

    public required string Citation { get; init; }

    /// <summary>Null when no count is known (random networks).</summary>
    public required BigInteger? ActivationRegions { get; init; }

    public required BigInteger? LinearRegions { get; init; }

    /// <summary>Why the linear-region count is what it is (equal to the activation count, or smaller and why).</summary>
    public required string LinearRegionsNote { get; init; }

    public required Box Domain { get; init; }

    public ulong? Seed { get; init; }

    /// <summary>Construction-specific facts (fold pieces, theorem bounds, vertex placement).</summary>
    public JsonObject Details { get; init; } = [];

    public JsonObject ToJson()
    {
        var meta = new JsonObject
        {
            ["construction"] = Construction,
            ["formula"] = Formula,
            ["citation"] = Citation,
            ["expectedActivationRegions"] = Count(ActivationRegions),
            ["expectedLinearRegions"] = Count(LinearRegions),
            ["linearRegionsNote"] = LinearRegionsNote,
            ["domain"] = MetaDomain.Write(Domain),
        };
        if (Seed is { } seed) meta["seed"] = seed;
        foreach (var (key, value) in Details) meta[key] = value?.DeepClone();
        return meta;
    }

    public static JsonNode Count(BigInteger? count)
    {
        if (count is not { } value) return JsonValue.Create("unknown");
        return value <= LargestExactDouble ? JsonValue.Create((long)value) : JsonValue.Create(value.ToString());
    }

    public static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    public static JsonArray Integers(IEnumerable<long> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
