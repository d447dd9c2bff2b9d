using System.Diagnostics;
using System.Text;

namespace Regions.Tests.Support;

/// <summary>A real <c>regions silo</c> process (an Orleans silo on loopback, free ports), as an operator would start it.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly TaskCompletionSource joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>Starts a silo and waits until it has joined the cluster.</summary>
    public static SiloProcess Start(string connectionString, string name, int threads = 1)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RegionsDll, "silo", "--db", connectionString, "--name", name, "--threads", threads.ToString() })
            start.ArgumentList.Add(argument);
        var silo = new SiloProcess(Process.Start(start)!, name);
        if (!silo.joined.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            silo.Dispose();
            throw new TimeoutException($"silo {name} did not join: {silo.Log}");
        }
        return silo;
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

    /// <summary>SIGKILL: the silo leaves nothing in order; the cluster must notice on its own.</summary>
    public void KillHard() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the orderly shutdown path.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();

    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    public async Task<bool> WaitForLog(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || HasExited) return Log.Contains(text, StringComparison.Ordinal);
            await Task.Delay(100);
        }
        return true;
    }

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
        if (line.StartsWith($"silo {Name} joined", StringComparison.Ordinal)) joined.TrySetResult();
    }
}
