namespace Regions.Kernel.Limits;

/// <summary>
/// Reads an input file whole, held to the <c>file</c> budget on its length before a byte is read; a missing,
/// unreadable or oversized file is a refusal, made by the caller's <paramref name="refusal"/> so each kind of file
/// keeps its own refusal code.
/// </summary>
public static class BoundedFile
{
    public static byte[] Read(string path, ResourceLimits limits, string what, Func<string, InvalidRequestException> refusal)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists) throw refusal($"file '{path}' does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw refusal($"cannot open '{path}': {e.Message}");
        }
        limits.Check(info.Length, "file", () => $"{what} '{path}' has {info.Length:N0} bytes");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw refusal($"cannot read '{path}': {e.Message}");
        }
    }
}
