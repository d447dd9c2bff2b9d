namespace Regions.Grains.Jobs;

/// <summary>
/// The words for a job's choices, as the CLI, the API, the store and the reports write them: one map per
/// enum, both ways, beside <see cref="Kernel.Model.ActivationNames"/> for activations.
/// </summary>
public static class JobTokens
{
    public static string ToToken(this CountMethod method) => method switch
    {
        CountMethod.Sample => "sample",
        CountMethod.Exact => "exact",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static string ToToken(this SamplerKind sampler) => sampler switch
    {
        SamplerKind.Random => "random",
        SamplerKind.Lattice => "lattice",
        _ => throw new ArgumentOutOfRangeException(nameof(sampler)),
    };

    public static string ToToken(this RegionDefinition definition) => definition switch
    {
        RegionDefinition.Activation => "activation",
        RegionDefinition.Linear => "linear",
        RegionDefinition.Affine => "affine",
        RegionDefinition.Patterns => "patterns",
        _ => throw new ArgumentOutOfRangeException(nameof(definition)),
    };

    /// <summary>The token of any of the three choices.</summary>
    public static string Token<T>(T value) where T : struct, Enum => value switch
    {
        CountMethod m => m.ToToken(),
        SamplerKind s => s.ToToken(),
        RegionDefinition d => d.ToToken(),
        _ => throw new ArgumentException($"{typeof(T).Name} has no tokens", nameof(value)),
    };

    /// <summary>Every token of a choice, in declaration order.</summary>
    public static string[] Tokens<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Token).ToArray();

    public static bool TryParse<T>(string? token, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Token(candidate) == token)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>A token already checked (by the CLI's accepted values, or the store's constraint).</summary>
    public static T Parse<T>(string token) where T : struct, Enum =>
        TryParse(token, out T value) ? value : throw new ArgumentException($"'{token}' is not one of {string.Join(", ", Tokens<T>())}", nameof(token));

    /// <summary>"a or b" for messages.</summary>
    public static string Alternatives<T>() where T : struct, Enum => string.Join(" or ", Tokens<T>());
}
