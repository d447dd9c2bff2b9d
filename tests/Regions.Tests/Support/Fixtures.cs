namespace Regions.Tests.Support;

/// <summary>The committed fixtures (tests/fixtures; the ONNX ones are made by tools/onnx-fixtures/make.py).</summary>
internal static class Fixtures
{
    /// <summary>tests/fixtures/onnx of the repository the test binaries were built from.</summary>
    public static string Onnx => Path.Combine(Repository(), "tests", "fixtures", "onnx");

    public static string OnnxFile(string name) => Path.Combine(Onnx, name);

    internal static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Distributed.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("no repository above the test binaries");
    }
}
