namespace Regions.Kernel;

/// <summary>
/// The one kind of user error (as dotnet/sdk's GracefulException): the caller asked for something that cannot
/// be done with these parameters (a construction whose conditions fail, a box of the wrong dimension, an absurd
/// size). The message is meant for the user as it stands; front ends report it without a stack trace (exit
/// code 2, HTTP 400). The core speaks of its own parameters (<see cref="Field"/>: cells, inputs, rank, box);
/// each front end names them its own way (the CLI as options, --cells; the API as fields, cells).
/// </summary>
public class InvalidRequestException : Exception
{
    public InvalidRequestException(string message) : base(message) => Problem = message;

    /// <param name="field">The parameter at fault, in the core's words.</param>
    /// <param name="problem">What is wrong with it, in words that do not name a front end's option.</param>
    public InvalidRequestException(string field, string problem) : base($"{field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    /// <summary>The parameter at fault, or null when the problem is not one parameter's.</summary>
    public string? Field { get; }

    /// <summary>What kind of refusal this is, for programs (<see cref="RefusalCodes"/>); the API reports it beside the message.</summary>
    public string Code { get; init; } = RefusalCodes.InvalidRequest;

    public string Problem { get; }

    /// <summary>The message with the field named as a front end names it (e.g. <c>f =&gt; "--" + f</c>).</summary>
    public string Render(Func<string, string> name) => Field is null ? Message : $"{name(Field)}: {Problem}";
}

/// <summary>The kinds of refusal, stable words a program can act on.</summary>
public static class RefusalCodes
{
    /// <summary>A parameter out of its range or inconsistent with another.</summary>
    public const string InvalidRequest = "invalid-request";

    /// <summary>A network document that is not valid <c>pwl-network/1</c>.</summary>
    public const string InvalidNetwork = "invalid-network";

    /// <summary>Over a resource budget (raise it on the CLI, or split the work).</summary>
    public const string OverBudget = "over-budget";

    /// <summary>Double precision cannot decide the exact answer on this input.</summary>
    public const string Undecidable = "undecidable";

    /// <summary>Values that leave the double range on this domain.</summary>
    public const string OutOfRange = "out-of-range";
}
