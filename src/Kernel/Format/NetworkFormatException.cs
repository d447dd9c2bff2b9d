namespace Regions.Kernel.Format;

/// <summary>A <c>pwl-network/1</c> document that cannot be used; the message names the JSON path of the first problem.</summary>
public sealed class NetworkFormatException(string path, string problem)
    : InvalidRequestException(string.IsNullOrEmpty(path) ? problem : $"{path}: {problem}")
{
    public string JsonPath { get; } = path;

    /// <summary>The problem without its JSON path.</summary>
    public new string Problem { get; } = problem;
}
