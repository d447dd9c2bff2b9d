using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace Regions.Benchmarks;

/// <summary>
/// The fused multiply-add peak of one core, measured in the same run as the evaluators: twelve independent
/// accumulator chains (enough to cover the FMA latency on two pipes) of 256-bit and 512-bit vectors.
/// </summary>
public class FmaPeakBenchmarks
{
    public const int Iterations = 1 << 20;

    /// <summary>Double-precision lanes multiplied and added per operation (per width).</summary>
    public static long LanesPerOperation(int bits) => (long)Iterations * 12 * (bits / 64);

    [Params(256, 512)]
    public int Bits { get; set; }

    [Benchmark]
    public double Fma() => Bits == 512 ? Fma512() : Fma256();

    private static double Fma256()
    {
        var m = Vector256.Create(0.999999);
        var c = Vector256.Create(1e-9);
        Vector256<double> a0 = Vector256.Create(1.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (var i = 0; i < Iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c); a2 = Vector256.FusedMultiplyAdd(a2, m, c);
            a3 = Vector256.FusedMultiplyAdd(a3, m, c); a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c); a8 = Vector256.FusedMultiplyAdd(a8, m, c);
            a9 = Vector256.FusedMultiplyAdd(a9, m, c); a10 = Vector256.FusedMultiplyAdd(a10, m, c); a11 = Vector256.FusedMultiplyAdd(a11, m, c);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).GetElement(0);
    }

    private static double Fma512()
    {
        if (!Vector512.IsHardwareAccelerated) return double.NaN;
        var m = Vector512.Create(0.999999);
        var c = Vector512.Create(1e-9);
        Vector512<double> a0 = Vector512.Create(1.0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (var i = 0; i < Iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c); a2 = Vector512.FusedMultiplyAdd(a2, m, c);
            a3 = Vector512.FusedMultiplyAdd(a3, m, c); a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c); a8 = Vector512.FusedMultiplyAdd(a8, m, c);
            a9 = Vector512.FusedMultiplyAdd(a9, m, c); a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).GetElement(0);
    }
}
