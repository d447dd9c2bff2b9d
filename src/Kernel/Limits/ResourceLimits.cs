using System.Globalization;

namespace Regions.Kernel.Limits;

/// <summary>
/// The documented resource budgets, in one place: what a network and a job may ask for before any work starts.
/// The defaults let a 16 GB laptop run anything they admit; the command line raises them with
/// <c>--budget KEY=VALUE</c>, the HTTP API keeps them fixed. Every refusal names the budget and how to raise it.
/// </summary>
public sealed record ResourceLimits
{
    /// <summary>The key users type, what it bounds, and its default, in the order the README lists them.</summary>
    public static readonly IReadOnlyList<(string Key, string Meaning, long Default)> Keys =
    [
        ("file", "bytes of a network file (checked before it is parsed)", 1L << 30),
        ("inputs", "inputs of a network", 100_000),
        ("layer-units", "units of one layer", 100_000),
        ("units", "units of a network, all layers together", 1_000_000),
        ("weights", "weights of a network, all layers together", 50_000_000),
        ("layers", "layers of a network", 10_000),
        ("points", "sample points of a job", 1_000_000_000_000),
        ("cells", "cells of a job", 1_000_000),
        ("memory", "estimated memory of a job in bytes (network copies and per-thread scratch)", 4L << 30),
    ];

    /// <summary>The defaults; the API's fixed limits.</summary>
    public static readonly ResourceLimits Default = new();

    /// <summary>
    /// No budget, only what the code can represent: for networks and jobs already checked once (a stored job read
    /// back by a silo, which must not refuse what its submitter was allowed to raise).
    /// </summary>
    public static readonly ResourceLimits Unlimited = new()
    {
        FileBytes = long.MaxValue, Inputs = int.MaxValue, LayerUnits = int.MaxValue, Units = long.MaxValue, Weights = long.MaxValue,
        Layers = int.MaxValue, Points = long.MaxValue, Cells = int.MaxValue, MemoryBytes = long.MaxValue,
    };

    public long FileBytes { get; init; } = Get("file");
    public long Inputs { get; init; } = Get("inputs");
    public long LayerUnits { get; init; } = Get("layer-units");
    public long Units { get; init; } = Get("units");
    public long Weights { get; init; } = Get("weights");
    public long Layers { get; init; } = Get("layers");
    public long Points { get; init; } = Get("points");
    public long Cells { get; init; } = Get("cells");
    public long MemoryBytes { get; init; } = Get("memory");

    /// <summary>True when the user can raise these limits (the command line); the API's are fixed.</summary>
    public bool Raisable { get; init; }

    /// <summary>
    /// The message for a value above a budget: the caller's description of the value, then the limit and how to
    /// raise it, e.g. "network has 100,000,000 weights, above the limit of 50,000,000 (raise it with --budget weights=N)".
    /// </summary>
    public string Exceeded(string description, string key)
    {
        var limit = Value(key);
        var bound = key is "memory" or "file" ? Bytes(limit) : limit.ToString("N0", CultureInfo.InvariantCulture);
        var how = Raisable ? $"raise it with --budget {key}=N" : "the API's limits are fixed; larger work runs with the CLI's --budget: regions count, or regions submit --db";
        return $"{description}, above the limit of {bound} ({how})";
    }

    /// <summary>Throws <see cref="InvalidRequestException"/> when <paramref name="value"/> is above the budget named <paramref name="key"/>.</summary>
    public void Check(long value, string key, Func<string> description)
    {
        if (value > Value(key)) throw new InvalidRequestException(Exceeded(description(), key)) { Code = RefusalCodes.OverBudget };
    }

    public long Value(string key) => key switch
    {
        "file" => FileBytes,
        "inputs" => Inputs,
        "layer-units" => LayerUnits,
        "units" => Units,
        "weights" => Weights,
        "layers" => Layers,
        "points" => Points,
        "cells" => Cells,
        "memory" => MemoryBytes,
        _ => throw new ArgumentException($"no budget '{key}'", nameof(key)),
    };

    /// <summary>These limits with one raised (or lowered) by a "KEY=VALUE" assignment, as typed after --budget.</summary>
    /// <exception cref="FormatException">Unknown key or a value that is not a positive integer.</exception>
    public ResourceLimits With(string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0) throw new FormatException($"'{assignment}' is not KEY=VALUE; keys: {KeyList}");
        var key = assignment[..equals].Trim().ToLowerInvariant();
        if (!Keys.Any(k => k.Key == key)) throw new FormatException($"unknown budget '{key}'; keys: {KeyList}");
        var value = ParseValue(assignment[(equals + 1)..].Trim(), key is "memory" or "file")
            ?? throw new FormatException($"{key}: '{assignment[(equals + 1)..]}' is not a positive integer{(key is "memory" or "file" ? " of bytes (suffixes KiB, MiB, GiB, TiB)" : " (suffixes k, M, G)")}");
        return key switch
        {
            "file" => this with { FileBytes = value },
            "inputs" => this with { Inputs = value },
            "layer-units" => this with { LayerUnits = value },
            "units" => this with { Units = value },
            "weights" => this with { Weights = value },
            "layers" => this with { Layers = value },
            "points" => this with { Points = value },
            "cells" => this with { Cells = value },
            _ => this with { MemoryBytes = value },
        };
    }

    public static string KeyList => string.Join(", ", Keys.Select(k => k.Key));

    /// <summary>A byte count as people read it: GiB, MiB, or plain bytes below a mebibyte.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
    };

    private static long Get(string key) => Keys.First(k => k.Key == key).Default;

    /// <summary>Digits (with optional _ or , separators) and an optional multiplier suffix; null when invalid or not positive.</summary>
    private static long? ParseValue(string text, bool bytes)
    {
        (string Suffix, long Factor)[] suffixes = bytes
            ? [("kib", 1L << 10), ("mib", 1L << 20), ("gib", 1L << 30), ("tib", 1L << 40)]
            : [("k", 1_000), ("m", 1_000_000), ("g", 1_000_000_000)];
        var lower = text.ToLowerInvariant();
        long factor = 1;
        foreach (var (suffix, f) in suffixes)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                factor = f;
                lower = lower[..^suffix.Length].TrimEnd();
                break;
            }
        }
        lower = lower.Replace("_", "").Replace(",", "");
        if (!long.TryParse(lower, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1) return null;
        try
        {
            return checked(number * factor);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
