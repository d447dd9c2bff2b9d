namespace Regions.Kernel.Format;

/// <summary>A JSON document that cannot be used; the message names the JSON path of the first problem.</summary>
public abstract class JsonProblemException : InvalidRequestException
{
    private protected JsonProblemException(string path, string problem) : base(string.IsNullOrEmpty(path) ? problem : $"{path}: {problem}")
    {
        JsonPath = path;
        Problem = problem;
        Code = RefusalCodes.InvalidNetwork;
    }

    public string JsonPath { get; }

    /// <summary>The problem without its JSON path.</summary>
    public new string Problem { get; }
}

/// <summary>A <c>pwl-network/1</c> document that cannot be used.</summary>
public sealed class NetworkFormatException(string path, string problem) : JsonProblemException(path, problem);
