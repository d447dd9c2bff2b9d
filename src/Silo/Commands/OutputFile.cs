using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary>
/// How every verb writes its -o file: into a temporary file beside the target, then renamed over it, so an
/// interrupted run never leaves half a file. A symbolic link is written through (its target changes, the link
/// stays). A directory, a device or anything under /dev, /proc or /sys, and a path in a missing directory
/// are refused with exit 2.
/// </summary>
internal static class OutputFile
{
    public static void Write(string path, Action<Stream> write)
    {
        var target = Path.GetFullPath(path);
        if (!Directory.Exists(Path.GetDirectoryName(target)))
            throw new InvalidRequestException($"cannot write {path}: the directory {Path.GetDirectoryName(target)} does not exist");
        var info = new FileInfo(target);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } linked) target = linked.FullName;
        if (Directory.Exists(target)) throw new InvalidRequestException($"{path} is a directory, not a file");
        if (IsSpecial(target)) throw new InvalidRequestException($"{path} is not a regular file (devices and system files are not written)");
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory)) throw new InvalidRequestException($"cannot write {path}: the link's directory {directory} does not exist");
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temporary)) write(stream);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new InvalidRequestException($"cannot write {path}: {e.Message}");
        }
    }

    /// <summary>
    /// How the verbs that make a network (construct, import) hand it over: as JSON on stdout, or indented into the
    /// -o file with a one-line summary on stderr.
    /// </summary>
    public static void WriteNetwork(System.CommandLine.InvocationConfiguration configuration, Kernel.Model.Network network, string? path, Func<string> summary)
    {
        if (path is null)
        {
            configuration.Output.WriteLine(Kernel.Format.NetworkWriter.ToJson(network));
            return;
        }
        Write(path, stream => Kernel.Format.NetworkWriter.Write(network, stream, indented: true));
        configuration.Error.WriteLine(summary());
    }

    public static void WriteText(string path, string text) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        writer.Write(text);
    });

    // .NET reports character devices as normal files on Unix, so they are recognised by where they live.
    private static bool IsSpecial(string fullPath) =>
        OperatingSystem.IsLinux() && new[] { "/dev/", "/proc/", "/sys/" }.Any(root => fullPath.StartsWith(root, StringComparison.Ordinal));
}
