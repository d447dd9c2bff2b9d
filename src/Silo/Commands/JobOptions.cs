using System.CommandLine;
using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;

namespace Regions.Silo.Commands;

/// <summary>The options that describe a counting job, shared by <c>count</c> (embedded) and <c>submit</c> (cluster): one description, one reading.</summary>
internal sealed class JobOptions
{
    public Option<string> Model { get; } = new("--model") { Description = "Network file: pwl-network/1 or /2 JSON, or an ONNX model (told apart by the content).", Required = true };

    public Option<string?> Box { get; } = new("--box") { Description = "Domain LO:HI[,LO:HI...]; one side applies to every input. Default: the model's meta.domain." };

    public Option<string> Method { get; } = Choice("--method", "sample (lower bound) or exact.", CountMethod.Sample);

    public Option<long> Points { get; } = new("--points") { Description = "Sample points in total.", DefaultValueFactory = _ => 1_000_000 };

    public Option<int> Cells { get; } = new("--cells") { Description = "Cells the domain is split into (units of work).", DefaultValueFactory = _ => 64 };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of the sample points.", DefaultValueFactory = _ => 0UL };

    public Option<string> Sampler { get; } = Choice("--sampler", "random (seeded uniform) or lattice (shifted R_d lattice).", SamplerKind.Random);

    public Option<string> Definition { get; } = DefinitionChoice();

    public Option<string[]> Budget { get; } = CommonOptions.Budget();

    public IEnumerable<Option> All => [Model, Box, Method, Points, Cells, Seed, Sampler, Definition, Budget];

    public ResourceLimits Limits(ParseResult parse) => CommonOptions.Limits(parse, Budget);

    public CountMethod MethodOf(ParseResult parse) => JobTokens.Parse<CountMethod>(parse.GetValue(Method)!);

    /// <summary>The definition asked; for <c>all</c> (<see cref="AllDefinitions"/>), activation, the one every method counts.</summary>
    public RegionDefinition DefinitionOf(ParseResult parse) => AllDefinitions(parse) ? RegionDefinition.Activation : JobTokens.Parse<RegionDefinition>(parse.GetValue(Definition)!);

    /// <summary>Whether every definition was asked for, side by side (<c>regions count</c> only).</summary>
    public bool AllDefinitions(ParseResult parse) => parse.GetValue(Definition) == DefinitionTable.All;

    /// <summary>The job these options describe, not yet validated.</summary>
    public CountJob Job(ParseResult parse, Network network, Box domain, ResourceLimits limits) =>
        new(network, domain, MethodOf(parse), parse.GetValue(Points), parse.GetValue(Cells), parse.GetValue(Seed), JobTokens.Parse<SamplerKind>(parse.GetValue(Sampler)!))
        {
            Definition = DefinitionOf(parse),
            Limits = limits,
        };

    private static Option<string> DefinitionChoice()
    {
        var option = new Option<string>("--definition")
        {
            Description = "What one region is: activation (default: full-dimensional activation regions, R2), linear (adjacent ones with equal maps merged, R4), "
                + "affine (distinct affine maps, R6), patterns (every activation pattern realised, lower-dimensional ones included, R1), "
                + "or all side by side (regions count only); all but activation need --method exact.",
            DefaultValueFactory = _ => JobTokens.Token(RegionDefinition.Activation),
        };
        option.AcceptOnlyFromAmong([.. JobTokens.Tokens<RegionDefinition>(), DefinitionTable.All]);
        return option;
    }

    private static Option<string> Choice<T>(string name, string description, T fallback) where T : struct, Enum
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => JobTokens.Token(fallback) };
        option.AcceptOnlyFromAmong(JobTokens.Tokens<T>());
        return option;
    }
}
