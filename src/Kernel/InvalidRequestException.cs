namespace Regions.Kernel;

/// <summary>
/// The caller asked for something that cannot be done with these parameters (a construction whose
/// conditions fail, a box of the wrong dimension, an absurd size). The message is meant for the user
/// as it stands; front ends report it without a stack trace (exit code 2, HTTP 400).
/// </summary>
public sealed class InvalidRequestException(string message) : Exception(message);
