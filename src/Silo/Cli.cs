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

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Regions: bound, construct, count and look at the linear regions of piecewise-linear networks.");
        // One line per verb; each verb lives in its own file under Commands/.
        root.Subcommands.Add(BoundsCommand.Create());
        root.Subcommands.Add(ConstructCommand.Create());
        root.Subcommands.Add(CountCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(FiguresCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(MapCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(PlotSegmentCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(TemplatesCommand.Create());
        root.Subcommands.Add(SiloCommand.Create());
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ResultCommand.Create());
        root.Subcommands.Add(CancelCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // The compute core carries no Roslyn; this executable is the host that brings the run-time kernel compiler.
        EvaluatorFactory.RuntimeCompiler ??= RuntimeKernelCompiler.Shared;
        var root = BuildRoot();
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

    /// <summary>The user-facing message of an error caused by the input, or null for a bug.</summary>
    private static string? Describe(Exception e) => e switch
    {
        NetworkFormatException f => $"invalid network: {f.Message}",
        InvalidRequestException r => r.Render(field => $"--{field}"),
        _ => null,
    };
}
