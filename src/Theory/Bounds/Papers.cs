namespace Regions.Theory.Bounds;

/// <summary>Citation prefixes, spelled once so every bound cites a paper the same way.</summary>
internal static class Papers
{
    public const string Zaslavsky1975 = "Zaslavsky 1975";
    public const string Stanley2004 = "Stanley 2004";
    public const string Pascanu2013 = "Pascanu, Montufar, Bengio 2013";
    public const string Montufar2014 = "Montufar, Pascanu, Cho, Bengio 2014";
    /// <summary>Notes on the number of linear regions of deep neural networks, SampTA 2017.</summary>
    public const string Montufar2017 = "Montufar 2017 (SampTA)";
    /// <summary>Bounding and counting linear regions of deep neural networks, ICML 2018.</summary>
    public const string Serra2018 = "Serra, Tjandraatmadja, Ramalingam 2018 (ICML)";
}
