using System.CommandLine;
using System.Globalization;
using Regions.Kernel;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;
using Regions.Theory.Constructions;

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
        < 1 and var n => throw new InvalidRequestException($"--threads must be at least 1, got {n}"),
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
                throw new InvalidRequestException($"--budget: {e.Message}");
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
                throw new InvalidRequestException($"{option}: '{parts[i]}' is not a positive integer");
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
                throw new InvalidRequestException("box", e.Message);
            }
        }
        return MetaDomain.Read(network)
            ?? throw new InvalidRequestException("box", "required (the network's meta records no domain)");
    }
}
