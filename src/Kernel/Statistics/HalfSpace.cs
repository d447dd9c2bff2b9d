namespace Regions.Kernel.Statistics;

/// <summary>One facet's inequality normal . x &lt;= offset, the normal a unit vector pointing out of the region.</summary>
public readonly record struct HalfSpace(double[] Normal, double Offset);
