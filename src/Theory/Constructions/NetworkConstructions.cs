namespace Regions.Theory.Constructions;

/// <summary>
/// The papers' explicit networks by name. Each result's <see cref="Network.Meta"/> records the construction, its
/// formula and citation, the exact expected activation and linear region counts over its domain, the domain box,
/// and the seed of any random choice. Bad parameters throw <see cref="InvalidRequestException"/>.
/// </summary>
public static class NetworkConstructions
{
    private static readonly (string Name, Func<ConstructionRequest, Network> Build)[] All =
    [
        (ShallowConstruction.Name, ShallowConstruction.Build),
        (PascanuConstruction.Name, PascanuConstruction.Build),
        (MontufarConstruction.Name, MontufarConstruction.Build),
        (MaxoutConstruction.Name, MaxoutConstruction.Build),
        (RotationMaxoutConstruction.Name, RotationMaxoutConstruction.Build),
        (BraidDeformation.Shi.Name, r => BraidDeformation.Build(BraidDeformation.Shi, r)),
        (BraidDeformation.Catalan.Name, r => BraidDeformation.Build(BraidDeformation.Catalan, r)),
        (RandomConstruction.Name, RandomConstruction.Build),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(c => c.Name).ToArray();

    public static Network Build(string name, ConstructionRequest request)
    {
        foreach (var (candidate, build) in All)
        {
            if (candidate == name) return build(request);
        }
        throw new InvalidRequestException($"unknown construction '{name}'; valid names: {string.Join(", ", Names)}");
    }
}
