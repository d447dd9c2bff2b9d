namespace Regions.Tests.Support;

/// <summary>The CLI run in-process, as a user would call it: exit code, standard output and standard error.</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Regions.Silo.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
