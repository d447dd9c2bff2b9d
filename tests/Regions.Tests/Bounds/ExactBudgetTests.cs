using System.Numerics;
using Regions.Theory.Bounds;

namespace Regions.Tests.Bounds;

public class ExactBudgetTests
{
    [Fact]
    public void Size_limit_admits_exactly_max_bits()
    {
        var budget = new ExactBudget(maxBits: 100);
        Assert.Equal(100, (long)budget.PowerOfTwo(99).GetBitLength());
        Assert.Equal(BudgetExceededException.Limit.Size, Assert.Throws<BudgetExceededException>(() => budget.PowerOfTwo(100)).Which);
        Assert.Equal(BigInteger.Pow(3, 63), budget.Pow(3, 63));   // 100 bits
        Assert.Throws<BudgetExceededException>(() => budget.Pow(3, 64));
    }

    [Fact]
    public void Default_size_limit_is_100000_decimal_digits()
    {
        var budget = new ExactBudget();
        Assert.True(budget.PowerOfTwo(ExactBudget.DefaultMaxBits - 1).ToString().Length <= 100_000);
        Assert.Contains("100,000 decimal digits", Assert.Throws<BudgetExceededException>(() => budget.Pow(10, 100_000)).Message);
    }

    [Fact]
    public void Work_limit_stops_long_computations()
    {
        var budget = new ExactBudget(maxWordOperations: 1000);
        var e = Assert.Throws<BudgetExceededException>(() => Combinatorics.ZaslavskySum(500, 5000, budget));
        Assert.Equal(BudgetExceededException.Limit.Work, e.Which);
    }

    [Fact]
    public void Unlimited_budget_computes_large_values()
    {
        var budget = ExactBudget.Unlimited;
        Assert.Equal(BigInteger.Pow(7, 5000), budget.Pow(7, 5000));
        Assert.Equal(BigInteger.One << 400_000, budget.PowerOfTwo(400_000));
    }
}
