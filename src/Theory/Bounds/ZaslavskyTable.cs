using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>
/// Zaslavsky sums shared by the bounds of one catalog call (Z(n0, n_L) alone feeds six of them). Each
/// sum is computed once under its own <see cref="ExactBudget"/>, so a sum too large or too costly is
/// refused once, and the same way for every bound that needs it, whatever the order.
/// </summary>
internal sealed class ZaslavskyTable
{
    private readonly Dictionary<(long D, long N), (BigInteger Value, BudgetExceededException? Failure)> _sums = new();

    /// <exception cref="BudgetExceededException">The sum is over the size or work limit.</exception>
    public BigInteger Get(long d, long n)
    {
        if (!_sums.TryGetValue((d, n), out var entry))
        {
            try
            {
                entry = (Combinatorics.ZaslavskySum(d, n, new ExactBudget()), null);
            }
            catch (BudgetExceededException e)
            {
                entry = (BigInteger.Zero, e);
            }
            _sums[(d, n)] = entry;
        }
        if (entry.Failure is { } failure) throw new BudgetExceededException(failure.Which, failure.Message);
        return entry.Value;
    }
}
