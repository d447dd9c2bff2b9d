using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Regions.ExactBench;

// Exact enumeration benchmarks (BenchmarkDotNet). `--quick` runs the small cases with a short job
// (under a minute, a 2-D network of more than 10^6 regions included); without it, the full set.
// After BenchmarkDotNet's table, a second table turns the median times into regions per second (the median:
// a quick run has few iterations, and one of them can still be running code the JIT has not finished tiering).
// Usage: dotnet run -c Release --project bench/Regions.ExactBench -- [--quick] [--case NAME]...
// `--view`: the explorer's 10^4-region view against counting its fingerprints (ViewBenchmarks); `--profile-view REPEATS` runs it for a profiler.
// `--profile CASE REPEATS [CELLS]`: no BenchmarkDotNet, the case run in a loop with its times, for a profiler (perf) to attach to.
if (args is ["--profile", var profiled, var repeats, ..] && args.Length <= 4)
{
    ExactBenchmarks.Profile(profiled, int.Parse(repeats), Console.Out, args.Length == 4 ? int.Parse(args[3]) : 0);
    return 0;
}
if (args is ["--profile-view", var viewRepeats])
{
    ViewBenchmarks.Profile(int.Parse(viewRepeats), Console.Out);
    return 0;
}
var quick = args.Contains("--quick");
var named = new List<string>();
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--case" && i + 1 < args.Length) named.Add(args[++i]);
    else rest.Add(args[i]);
}
args = rest.ToArray();
BenchCases.Selected = named.Count > 0 ? named.ToArray() : quick
    ? ["2-64-64-64", "2-128-128-128", "montufar 2-8-8-8-8-8", "3-16-16", "4-16-16", "cnn-digits plane"]
    : ["2-64-64-64", "2-128-128-128", "montufar 2-8-8-8-8", "montufar 2-8-8-8-8-8", "3-16-16", "3-32-32", "4-16-16", "4-32-32", "torch 3-32-32-32", "torch 4-32-32-32", "cnn-digits plane"];
var job = quick
    ? Job.Default.WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Monitoring).WithWarmupCount(3).WithIterationCount(5).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1)
    : Job.Default.WithWarmupCount(2).WithIterationCount(8).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1);
// In-process: no child project to generate and build, so the quick mode stays under a minute.
var config = DefaultConfig.Instance.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithId(quick ? "quick" : "full")).WithOptions(ConfigOptions.DisableOptimizationsValidator);
if (args.Contains("--view"))
{
    // The explorer's view against its own baseline: BenchmarkDotNet's ratio column is the result.
    BenchmarkRunner.Run<ViewBenchmarks>(config, args.Where(a => a is not ("--quick" or "--view")).ToArray());
    return 0;
}
var summary = BenchmarkRunner.Run<ExactBenchmarks>(config, args.Where(a => a != "--quick").ToArray());

Console.WriteLine();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"{"case",-24} {"regions",10} {"median s",9} {"regions/s",12} {"regions/s/core",15}");
foreach (var report in summary.Reports)
{
    var name = (string)report.BenchmarkCase.Parameters["Case"];
    var regions = BenchCases.Regions.GetValueOrDefault(name, -1);
    var seconds = report.ResultStatistics is { } stats ? stats.Median / 1e9 : double.NaN;
    Console.WriteLine($"{name,-24} {regions,10} {seconds,9:F3} {regions / seconds,12:N0} {regions / seconds / Environment.ProcessorCount,15:N0}");
}
return 0;

