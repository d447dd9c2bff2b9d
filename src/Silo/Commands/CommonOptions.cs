using System.CommandLine;
using System.Globalization;
using Regions.Kernel.Geometry;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;

namespace Regions.Silo.Commands;

/// <summary>Option parsing shared by several verbs.</summary>
internal static class CommonOptions
{
    /// <summary>
    /// --threads without a default value: the default is "all cores", which help would otherwise print a second time
    /// as the number of cores of the machine that printed it (or as a meaningless 0).
    /// </summary>
    public static Option<int?> Threads(string what) => new("--threads") { Description = $"{what} (default: all cores)." };

    /// <summary>The threads asked for, or the number of cores; fewer than one is a usage error.</summary>
    public static int Threads(ParseResult parse, Option<int?> option) => parse.GetValue(option) switch
    {
        null => Environment.ProcessorCount,
        < 1 and var n => throw new UsageException($"--threads must be at least 1, got {n}"),
        var n => n.Value,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object on stdout instead of text." };

    /// <summary>--budget KEY=VALUE, repeatable: raises one of the documented resource limits for this run.</summary>
    public static Option<string[]> Budget() => new("--budget")
    {
        Description = $"Raise a resource limit, KEY=VALUE (repeatable); keys: {ResourceLimits.KeyList}. See README, Limits.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The default limits with every --budget applied; the command line may raise them, so refusals say how.</summary>
    public static ResourceLimits Limits(ParseResult parse, Option<string[]> budget)
    {
        var limits = ResourceLimits.Default with { Raisable = true };
        foreach (var assignment in parse.GetValue(budget) ?? [])
        {
            try
            {
                limits = limits.With(assignment);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--budget: {e.Message}");
            }
        }
        return limits;
    }

    /// <summary>Parses "a,b,c" into positive integers.</summary>
    public static int[] ParseWidths(string? text, string option = "--widths")
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1)
                throw new UsageException($"{option}: '{parts[i]}' is not a positive integer");
        }
        return widths;
    }

    /// <summary>The counting domain: --box if given, else the box a construction recorded in its meta.</summary>
    public static Box ResolveBox(string? boxText, Network network)
    {
        if (!string.IsNullOrWhiteSpace(boxText))
        {
            try
            {
                return Box.Parse(boxText, network.Inputs);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--box: {e.Message}");
            }
        }
        return DomainFromMeta(network)
            ?? throw new UsageException("--box is required (the model's meta records no domain)");
    }

    /// <summary>meta.domain = { "lower": [...], "upper": [...] }, as written by `regions construct`.</summary>
    public static Box? DomainFromMeta(Network network)
    {
        if (network.Meta?["domain"] is not System.Text.Json.Nodes.JsonObject domain) return null;
        try
        {
            var lower = domain["lower"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            var upper = domain["upper"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            if (lower.Length != network.Inputs) throw new UsageException($"meta.domain has {lower.Length} sides, the network {network.Inputs} inputs");
            // The range is checked side by side before the box exists, so an overflowing side is named as such.
            for (var i = 0; i < Math.Min(lower.Length, upper.Length); i++)
            {
                if (DomainLimits.Problem(lower[i], upper[i]) is { } problem)
                    throw new UsageException($"meta.domain: side {i + 1} ({lower[i]:R}:{upper[i]:R}) {problem}; pass --box");
            }
            return new Box(lower, upper);
        }

        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            throw new UsageException($"meta.domain is not a valid box ({e.Message}); pass --box");
        }
    }
}
