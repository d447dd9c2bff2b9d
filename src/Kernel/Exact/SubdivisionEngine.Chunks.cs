using System.Runtime.ExceptionServices;

namespace Regions.Kernel.Exact;

internal sealed partial class SubdivisionEngine
{
    /// <summary>First-layer pieces per chunk: a multiple of <see cref="RecomputeEvery"/>, where the single walk sums in full anyway.</summary>
    internal const int ChunkPieces = RecomputeEvery;

    /// <summary>
    /// <see cref="Run"/> with the first layer's pieces walked in chunks of <see cref="ChunkPieces"/>, by up to
    /// <paramref name="threads"/> engines at once: one cell on every core, for callers that keep a single cell whole
    /// (a picture's polygons). Every chunk starts where the single walk sums every layer below in full (a multiple
    /// of <see cref="RecomputeEvery"/> pieces, each parent's first child below), so each region comes out with the
    /// bits Run gives it, whatever the thread count; chunk c's visitor, from <paramref name="visitorOf"/>, sees
    /// chunk c's regions in Run's order. Ids of the constraints cut below the first layer restart at the same number
    /// in every chunk: an id names a face within one piece's own lineage, never across two pieces.
    /// <para>
    /// When chunks fail (a visitor's exception, a unit double precision cannot decide, cancellation), the failure of
    /// the lowest chunk is thrown, which is the one Run would meet first: chunks are taken in order, none after a
    /// failed one is started, and every earlier one is finished.
    /// </para>
    /// </summary>
    /// <param name="newEngine">An engine like this one, for each extra thread (engines hold the walk's scratch).</param>
    public void RunInChunks(ConvexPiece root, double distance, int firstConstraint, Func<SubdivisionEngine> newEngine,
        Func<int, RegionVisitor> visitorOf, int threads, CancellationToken cancel, bool maps = true)
    {
        var top = Begin(distance, firstConstraint);
        Split(top, 0, root);
        var pieces = top.Pieces;
        var chunks = (pieces.Count + ChunkPieces - 1) / ChunkPieces;
        var constraint = nextConstraint;
        var failures = new Exception?[chunks];
        var taken = -1;
        var firstFailed = int.MaxValue;

        void Work(SubdivisionEngine engine)
        {
            while (true)
            {
                var chunk = Interlocked.Increment(ref taken);
                if (chunk >= chunks || chunk > Volatile.Read(ref firstFailed)) return;
                try
                {
                    engine.nextConstraint = constraint;
                    engine.Walk(pieces, chunk * ChunkPieces, Math.Min(pieces.Count, (chunk + 1) * ChunkPieces), visitorOf(chunk), cancel, maps);
                }
                catch (Exception e)
                {
                    failures[chunk] = e;
                    int seen;
                    while (chunk < (seen = Volatile.Read(ref firstFailed)) && Interlocked.CompareExchange(ref firstFailed, chunk, seen) != seen) { }
                }
            }
        }

        var helpers = new Task[Math.Max(0, Math.Min(threads, chunks) - 1)];
        for (var i = 0; i < helpers.Length; i++)
        {
            helpers[i] = Task.Run(() =>
            {
                var engine = newEngine();
                engine.Begin(distance, constraint);
                Work(engine);
            }, CancellationToken.None);
        }
        Work(this);
        Task.WaitAll(helpers);
        foreach (var failure in failures)
        {
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        }
    }
}
