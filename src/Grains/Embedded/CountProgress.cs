namespace Regions.Grains.Embedded;

/// <summary>A snapshot of a running job, for progress bars.</summary>
public readonly record struct CountProgress(int CellsDone, int Cells, long PointsDone, long Points, long DistinctSoFar);
