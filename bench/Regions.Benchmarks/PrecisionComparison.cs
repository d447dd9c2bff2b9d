using System.Diagnostics;
using Regions.Kernel.Evaluation;

namespace Regions.Benchmarks;

/// <summary>
/// Float-screened evaluation against the double path on the same architecture, measured as a ratio of process CPU
/// time in one run: the two alternate round by round (a loaded machine slows both alike), each round evaluating the
/// same batches. Also reports the share of points the float pass left to double.
/// </summary>
public static class PrecisionComparison
{
    /// <summary>(architecture, evaluator family): the generic evaluator and the kernels, as in the issue's goals.</summary>
    public static readonly (string Architecture, string Family)[] Cases = [("2-32-32-32", "simd"), ("2-8-8-8", "kernel"), ("2-32-32-32", "kernel"), ("10-64-64-64-64", "simd")];

    public static void Run(int rounds, TimeSpan perRound)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {LoadAverage()}; thread CPU time per point, double / float-screened, interleaved over {rounds} rounds, {(SimdEvaluator.Wide ? 512 : System.Numerics.Vector<double>.Count * 64)}-bit vectors");
        Console.WriteLine($"{"architecture",-16} {"evaluator",-10} {"double ns/pt",13} {"screened ns/pt",15} {"ratio",7} {"median ratio",13} {"left to double",15}");
        foreach (var (architecture, family) in Cases)
        {
            var network = Architectures.Network(architecture);
            var baseline = Architectures.Create(family + "-double", network)!;
            var screened = Architectures.Create(family, network)!;
            var points = new double[network.Inputs * screened.BatchCapacity];
            var random = new Random(1);
            for (var i = 0; i < points.Length; i++) points[i] = 2 * random.NextDouble() - 1;
            // About 3 G multiply-adds per second of a loaded core.
            var batches = Math.Max(1, (int)(perRound.TotalSeconds * 3e9 / screened.BatchCapacity / Architectures.MultiplyAdds(network)));
            // Two rounds each to warm up: both reach their optimised code before anything is counted.
            for (var warm = 0; warm < 2; warm++)
            {
                Measure(baseline, points, batches);
                Measure(screened, points, batches);
            }
            var (doubleTime, screenedTime) = (0.0, 0.0);
            var ratios = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var d = Measure(baseline, points, batches);
                var s = Measure(screened, points, batches);
                (doubleTime, screenedTime) = (doubleTime + d, screenedTime + s);
                ratios.Add(d / s);
            }
            ratios.Sort();
            var perPoint = 1e9 / ((double)rounds * batches * screened.BatchCapacity);
            var left = screened is SimdEvaluator simd ? $"{100.0 * simd.LastUndecided / simd.BatchCapacity:F2}%" : "see kernel";
            Console.WriteLine($"{architecture,-16} {family,-10} {doubleTime * perPoint,13:F2} {screenedTime * perPoint,15:F2} {doubleTime / screenedTime,7:F2} {ratios[rounds / 2],13:F2} {left,15}");
        }
    }

    /// <summary>CPU seconds of this thread for evaluating the batches (the JIT's and GC's background threads excluded).</summary>
    private static double Measure(IPatternEvaluator evaluator, double[] points, int batches)
    {
        var patterns = new ulong[evaluator.BatchCapacity * evaluator.Network.Layout.Words];
        var start = ThreadCpuSeconds();
        for (var b = 0; b < batches; b++) evaluator.EvaluatePatterns(points, evaluator.BatchCapacity, patterns);
        return ThreadCpuSeconds() - start;
    }

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>CLOCK_THREAD_CPUTIME_ID on Linux; elsewhere the process's CPU time.</summary>
    private static double ThreadCpuSeconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(3, out var time) == 0) return time.Seconds + time.Nanoseconds / 1e9;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
