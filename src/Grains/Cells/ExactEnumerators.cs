using Regions.Grains.Jobs;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;

namespace Regions.Grains.Cells;

/// <summary>Picks the exact method for a job: segments (1-D), planes (2-D), or boxes of any input dimension.</summary>
public static class ExactEnumerators
{
    public static ICellEnumerator Create(CountJob job)
    {
        var network = job.Network;
        if (job.Slice is { } slice)
            return slice.Dimension == 1 ? new SegmentEnumerator(network, slice, job.Domain) : new PlaneEnumerator(network, slice, job.Domain);
        return network.Inputs switch
        {
            1 => new SegmentEnumerator(network, AffineSlice.Identity(1), job.Domain),
            2 => new PlaneEnumerator(network, AffineSlice.Identity(2), job.Domain),
            _ => new BoxEnumerator(network, job.Domain),
        };
    }
}
