namespace Regions.Kernel.Format;

/// <summary>A <c>pwl-network/1</c> document that cannot be used; the message names the JSON path of the first problem.</summary>
public sealed class NetworkFormatException(string path, string problem)
    : Exception(string.IsNullOrEmpty(path) ? problem : $"{path}: {problem}")
{
    public string JsonPath { get; } = path;

    public string Problem { get; } = problem;
}
