namespace Regions.Tests.Support;

/// <summary>Measures what a hot path allocates once warm.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs the step in several rounds and returns the fewest bytes this thread allocated in a round. A real
    /// per-call allocation shows in every round; the runtime's one-off work on the calling thread (re-jitting a
    /// method at a higher tier, growing a shared cache while other tests run) shows in one at most.
    /// </summary>
    public static long FewestPerRound(Action step, int rounds = 5, int stepsPerRound = 200)
    {
        step();
        var fewest = long.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < stepsPerRound; i++) step();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
