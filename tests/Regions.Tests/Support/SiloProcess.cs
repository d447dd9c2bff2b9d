using System.Diagnostics;
using System.Text;

namespace Regions.Tests.Support;

/// <summary>A real <c>regions silo</c> process on loopback, as an operator would start it.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private SiloProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static SiloProcess Start(string connectionString, string name, int threads = 1, double leaseSeconds = 3, bool exitWhenIdle = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { RegionsDll, "silo", "--db", connectionString, "--name", name, "--threads", threads.ToString(), "--lease-seconds", leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        if (exitWhenIdle) start.ArgumentList.Add("--exit-when-idle");
        return new SiloProcess(Process.Start(start)!);
    }

    /// <summary>The CLI's assembly, copied beside the tests by the project reference.</summary>
    public static string RegionsDll => Path.Combine(AppContext.BaseDirectory, "regions.dll");

    public string Log
    {
        get
        {
            lock (log) return log.ToString();
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>SIGKILL: the silo gets no chance to return its leases.</summary>
    public void KillHard() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the orderly shutdown path.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();

    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }
}
