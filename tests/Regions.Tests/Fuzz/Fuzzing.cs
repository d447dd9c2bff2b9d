using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Regions.Kernel;
using Regions.Kernel.Model;

namespace Regions.Tests.Fuzz;

/// <summary>
/// Seeded, bounded property checks. The seed is fixed so CI sees the same cases every run;
/// <c>REGIONS_FUZZ_SEED</c> picks other cases and <c>REGIONS_FUZZ_RUNS</c> multiplies their number, for a
/// longer hunt on a workstation. A failure prints the case as a <see cref="FuzzCase"/> expression to keep in
/// <see cref="FuzzRegressionTests"/>.
/// </summary>
internal static class Fuzzing
{
    private const ulong DefaultSeed = 20261203;

    public static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("REGIONS_FUZZ_SEED"), out var s) ? s : DefaultSeed;

    private static int Runs(int cases) =>
        cases * (int.TryParse(Environment.GetEnvironmentVariable("REGIONS_FUZZ_RUNS"), out var k) && k > 0 ? k : 1);

    private static readonly Activation[] Activations =
        [Activation.Relu, Activation.LeakyRelu, Activation.Abs, Activation.HardTanh, Activation.Maxout];

    /// <summary>Networks of 1 to maxInputs inputs, every activation, every planted degeneracy (half the cases degenerate).</summary>
    public static Gen<FuzzCase> Cases(int maxInputs = 5) =>
        from seed in Gen.Choose(0, int.MaxValue)
        from inputs in Gen.Choose(1, maxInputs)
        from depth in Gen.Choose(1, inputs <= 3 ? 3 : 2)
        from activation in Gen.Elements(Activations)
        from degeneracy in Gen.Frequency(
            (6, Gen.Constant(Degeneracy.None)),
            (6, Gen.Elements(Enum.GetValues<Degeneracy>().Where(d => d != Degeneracy.None).ToArray())))
        select new FuzzCase(seed, inputs, depth, activation, degeneracy);

    /// <summary>Checks the property on a seeded run of cases; FsCheck's report names the failing case.</summary>
    public static void Check<T>(Gen<T> cases, int count, Action<T> property, ulong stream = 0)
    {
        var replay = new Replay(Random(stream), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(Runs(count)).WithQuietOnSuccess(true).WithReplay(FSharpOption<Replay>.Some(replay));
        FsCheck.Check.One(config, Prop.ForAll(cases.ToArbitrary(), property));
    }

    /// <summary>A seeded draw of cases, for checks too slow to run many times (whole processes, servers).</summary>
    public static T[] Draw<T>(Gen<T> cases, int count, ulong stream) => cases.Sample(10, Random(stream), count).ToArray();

    private static Rnd Random(ulong stream) => new(Seed + 0x9E3779B97F4A7C15UL * stream, 0x2545F4914F6CDD1DUL);

    /// <summary>
    /// An exact count, or null when the method says double precision cannot decide (a refusal is an answer, a
    /// wrong number is not; the properties bound how often refusals happen so they cannot hide failures).
    /// </summary>
    public static long? ExactOrRefused(Func<long> count)
    {
        try
        {
            return count();
        }
        catch (InvalidRequestException e) when (e.Message.Contains("double precision"))
        {
            return null;
        }
    }
}
