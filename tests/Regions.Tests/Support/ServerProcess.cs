using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Regions.Tests.Support;

/// <summary>A real <c>regions serve</c> process on a free loopback port.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Log
    {
        get
        {
            lock (log) return log.ToString();
        }
    }

    /// <summary>CPU time the server has used so far: whether it is still computing.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public static ServerProcess Start(params string[] extra) => Start(new Dictionary<string, string>(), extra);

    /// <summary>A server with extra environment variables (as an operator's shell might have).</summary>
    public static ServerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { SiloProcess.RegionsDll, "serve", "--urls", $"http://127.0.0.1:{port}", "--threads", "2" }.Concat(extra))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var server = new ServerProcess(Process.Start(start)!, address);
        if (!server.listening.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            server.Dispose();
            throw new TimeoutException($"regions serve did not start: {server.Log}");
        }
        return server;
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
        if (line.StartsWith("regions API on", StringComparison.Ordinal)) listening.TrySetResult();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
