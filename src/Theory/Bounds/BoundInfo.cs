using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>The fixed description of one bound; turns into a <see cref="BoundResult"/> once evaluated.</summary>
internal sealed record BoundInfo(string Id, string Name, string Citation, string Formula, BoundKind Kind,
    BoundSubject Subject = BoundSubject.Network)
{
    public BoundResult NotApplicable(string reason) =>
        new(Id, Name, Citation, Kind, null, reason, Formula) { Subject = Subject };

    public BoundResult WithValue(BigInteger value) =>
        new(Id, Name, Citation, Kind, value, null, Formula) { Subject = Subject };

    public BoundResult WithRatio(Fraction ratio) =>
        new(Id, Name, Citation, Kind, null, null, Formula) { Subject = Subject, Ratio = ratio };

    /// <summary>
    /// Computes the value under a fresh <see cref="ExactBudget"/>; a value too large or too costly to
    /// compute exactly is reported as not applicable with the limit that was hit.
    /// </summary>
    public BoundResult Evaluate(Func<ExactBudget, BigInteger> compute)
    {
        try
        {
            return WithValue(compute(new ExactBudget()));
        }
        catch (BudgetExceededException e)
        {
            return NotApplicable(e.Message);
        }
    }

    /// <summary>Evaluates when <paramref name="failedCondition"/> is null, otherwise reports it.</summary>
    public BoundResult EvaluateIf(string? failedCondition, Func<ExactBudget, BigInteger> compute) =>
        failedCondition is null ? Evaluate(compute) : NotApplicable(failedCondition);
}
