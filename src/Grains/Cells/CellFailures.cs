using Regions.Kernel;
using Regions.Kernel.Format;

namespace Regions.Grains.Cells;

/// <summary>
/// The one rule for a cell whose computation throws, shared by the embedded runner and the cluster's job grain:
/// a refusal of the input (<see cref="InvalidRequestException"/>, such as "double precision cannot tell..." or an
/// exceeded piece budget) is deterministic, so it fails the job at once with its own message; anything else may
/// be the machine's (memory, a fault) and the cell is tried again, up to <see cref="MaxAttempts"/> times in all.
/// </summary>
public static class CellFailures
{
    public const int MaxAttempts = 3;

    /// <summary>True for the input's own refusal, which no retry can change.</summary>
    public static bool IsRefusal(Exception e) => e is InvalidRequestException or NetworkFormatException;

    /// <summary>The job's failure message after the cell failed <paramref name="attempts"/> times, or null to try it again.</summary>
    public static string? JobFailure(int cell, int attempts, bool refusal, string? error)
    {
        if (refusal) return error ?? $"cell {cell} was refused";
        return attempts >= MaxAttempts ? $"cell {cell} failed {attempts} times: {error}" : null;
    }
}
