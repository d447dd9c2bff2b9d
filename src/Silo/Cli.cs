using System.CommandLine;
using Regions.Compiler;
using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Format;
using Regions.Silo.Commands;

namespace Regions.Silo;

/// <summary>
/// The <c>regions</c> command line: one file per verb under <c>Commands/</c>. Exit codes: 0 ok,
/// 2 bad usage or bad input (one line on stderr, no stack trace), 1 internal error, 130 interrupted.
/// </summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int InternalError = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;

    /// <summary>Every verb by name; each builds its command (and loads what its options need) only when asked.</summary>
    private static readonly (string Name, Func<Command> Create)[] Verbs =
    [
        ("bounds", BoundsCommand.Create),
        ("construct", ConstructCommand.Create),
        ("count", CountCommand.Create),
        ("demo", DemoCommand.Create),
        ("figures", FiguresCommand.Create),
        ("import", ImportCommand.Create),
        ("map", MapCommand.Create),
        ("plot", PlotCommand.Create),
        ("plot-segment", PlotSegmentCommand.Create),
        ("reproduce", ReproduceCommand.Create),
        ("templates", TemplatesCommand.Create),
        ("silo", SiloCommand.Create),
        ("submit", SubmitCommand.Create),
        ("status", StatusCommand.Create),
        ("result", ResultCommand.Create),
        ("cancel", CancelCommand.Create),
        ("jobs", JobsCommand.Create),
        ("serve", ServeCommand.Create),
    ];

    public static RootCommand BuildRoot() => BuildRoot(null);

    /// <summary>
    /// The root with every verb, or with <paramref name="verb"/> alone when it names one: a short job then starts
    /// without building (and loading the assemblies of) the cluster and server verbs it does not use.
    /// </summary>
    private static RootCommand BuildRoot(string? verb)
    {
        var root = new RootCommand("Regions: bound, construct, count and look at the linear regions of piecewise-linear networks.");
        var known = Verbs.Any(v => v.Name == verb);
        foreach (var (name, create) in Verbs)
        {
            if (!known || name == verb) root.Subcommands.Add(create());
        }
        return root;
    }

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // The compute core carries no Roslyn; this executable is the host that brings the run-time kernel compiler,
        // loaded when a job first asks for a kernel rather than at every start.
        EvaluatorFactory.RuntimeCompiler ??= new DeferredKernelCompiler();
        var root = BuildRoot(args.Length > 0 ? args[0] : null);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"regions: {error.Message}");
            // Point at the help of the verb that was being parsed, where its options are listed.
            var verb = parse.CommandResult.Command is RootCommand ? "" : $" {parse.CommandResult.Command.Name}";
            stderr.WriteLine($"Try 'regions{verb} --help'.");
            return BadInput;
        }
        try
        {
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = stdout, Error = stderr };
            return parse.Invoke(configuration);
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            stderr.WriteLine($"regions: {message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("regions: interrupted");
            return Interrupted;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"regions: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("REGIONS_DEBUG") == "1") stderr.WriteLine(e);
            else stderr.WriteLine("(set REGIONS_DEBUG=1 for the stack trace)");
            return InternalError;
        }
    }

    /// <summary><see cref="RuntimeKernelCompiler.Shared"/>, touched (and Roslyn loaded) on the first kernel asked for.</summary>
    private sealed class DeferredKernelCompiler : IKernelCompiler
    {
        public CompiledKernel? For(Kernel.Model.Network network) => RuntimeKernelCompiler.Shared.For(network);
    }

    /// <summary>The user-facing message of an error caused by the input, or null for a bug.</summary>
    private static string? Describe(Exception e) => e switch
    {
        NetworkFormatException f => $"invalid network: {f.Message}",
        InvalidRequestException r => r.Render(field => $"--{field}"),
        _ => null,
    };
}
