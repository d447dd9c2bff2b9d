namespace Regions.Kernel.Format;

/// <summary>A <c>pwl-network/1</c> document that cannot be used; the message names the JSON path of the first problem.</summary>
public sealed class NetworkFormatException : InvalidRequestException
{
    public NetworkFormatException(string path, string problem) : base(string.IsNullOrEmpty(path) ? problem : $"{path}: {problem}")
    {
        JsonPath = path;
        Problem = problem;
        Code = RefusalCodes.InvalidNetwork;
    }

    public string JsonPath { get; }

    /// <summary>The problem without its JSON path.</summary>
    public new string Problem { get; }
}
