using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>
/// A product of powers, evaluated exactly. Equal bases are merged first, so a net of 10^4 identical
/// layers costs one <c>Pow</c> instead of 10^4 big multiplications.
/// </summary>
internal sealed class PowerProduct
{
    private readonly SortedDictionary<BigInteger, long> _exponents = new();

    public PowerProduct Times(BigInteger factor, long exponent = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        if (exponent == 0 || factor.IsOne) return this;
        _exponents[factor] = _exponents.GetValueOrDefault(factor) + exponent;
        return this;
    }

    public BigInteger Evaluate(ExactBudget budget)
    {
        if (_exponents.ContainsKey(BigInteger.Zero)) return BigInteger.Zero;
        var result = BigInteger.One;
        foreach (var (factor, exponent) in _exponents) result = budget.Multiply(result, budget.Pow(factor, exponent));
        return result;
    }
}
