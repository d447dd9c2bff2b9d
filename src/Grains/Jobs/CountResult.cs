using Regions.Grains.Merging;

namespace Regions.Grains.Jobs;

/// <summary>
/// The outcome of a counting job. For sampling, <see cref="Regions"/> is a lower bound (distinct patterns
/// seen) and <see cref="Estimate"/> guesses the unseen ones; for exact enumeration both are exact.
/// </summary>
public sealed record CountResult(
    long Regions,
    CountMethod Method,
    string Definition,
    bool IsLowerBound,
    long Points,
    int Cells,
    double Seconds,
    long Singletons,
    long Doubletons,
    Chao1? Estimate);
