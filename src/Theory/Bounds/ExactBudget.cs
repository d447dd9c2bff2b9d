using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>
/// Limits for one exact computation. Inputs the CLI accepts (widths up to 10^6, 10^4 layers) can ask
/// for numbers with billions of digits; instead of hanging, a bound that would exceed these limits is
/// reported as not computed. Both limits are deterministic (bit sizes and counted word operations,
/// not wall-clock time), so the same request always gives the same answer.
/// </summary>
internal sealed class ExactBudget
{
    /// <summary>
    /// Values below 2^332192 have at most 100,000 decimal digits. BigInteger.ToString is quadratic:
    /// about 0.3 s at this size but tens of seconds at a million digits.
    /// </summary>
    public const long DefaultMaxBits = 332_192;

    /// <summary>
    /// One unit is one 64-bit word of one operand in one multiply, divide or add; measured at 7 to
    /// 9 ns per unit (allocation included), this is about 2 s of arithmetic per bound.
    /// </summary>
    public const long DefaultMaxWordOperations = 250_000_000;

    private long _work;

    public ExactBudget(long maxBits = DefaultMaxBits, long maxWordOperations = DefaultMaxWordOperations)
    {
        MaxBits = maxBits;
        MaxWordOperations = maxWordOperations;
    }

    /// <summary>No limits: for the public helpers whose callers choose their own sizes.</summary>
    public static ExactBudget Unlimited => new(long.MaxValue, long.MaxValue);

    public long MaxBits { get; }
    public long MaxWordOperations { get; }

    public BigInteger Multiply(BigInteger a, BigInteger b)
    {
        Charge(Words(a) * Words(b));
        return Checked(a * b);
    }

    public BigInteger Add(BigInteger a, BigInteger b)
    {
        Charge(Math.Max(Words(a), Words(b)));
        return Checked(a + b);
    }

    /// <summary>Exact division (the caller knows <paramref name="b"/> divides <paramref name="a"/>).</summary>
    public BigInteger DivideExact(BigInteger a, BigInteger b)
    {
        Charge(Words(a) * Words(b));
        var quotient = BigInteger.DivRem(a, b, out var remainder);
        if (!remainder.IsZero) throw new InvalidOperationException($"{a} is not divisible by {b}");
        return quotient;
    }

    public BigInteger Pow(BigInteger value, long exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        if (value.IsZero || value.IsOne || exponent == 0) return exponent == 0 ? BigInteger.One : value;
        // Refuse before computing: Pow of a huge exponent would allocate the whole result first.
        var bits = (double)exponent * BigInteger.Log(value, 2);
        if (bits > MaxBits + 1.0) throw TooLarge();   // in double: MaxBits may be long.MaxValue
        if (exponent > int.MaxValue) throw TooLarge();
        // Not charged: with the result capped at MaxBits, repeated squaring takes milliseconds.
        return Checked(BigInteger.Pow(value, (int)exponent));
    }

    public BigInteger PowerOfTwo(long exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        if (exponent >= MaxBits || exponent > int.MaxValue) throw TooLarge();
        return BigInteger.One << (int)exponent;
    }

    /// <summary>
    /// Refuses early when a value the computation must build has, by a floating-point estimate, more
    /// bits than allowed. The margin keeps rounding error from refusing a value that would fit.
    /// </summary>
    public void RequireLog2AtMost(double log2)
    {
        if (log2 - 1e-9 * log2 - 2 > MaxBits) throw TooLarge();
    }

    public BigInteger Checked(BigInteger value)
    {
        if ((long)value.GetBitLength() > MaxBits) throw TooLarge();
        return value;
    }

    private void Charge(long words)
    {
        _work += words;
        if (_work > MaxWordOperations) throw new BudgetExceededException(BudgetExceededException.Limit.Work,
            $"not computed: more than {MaxWordOperations:N0} word operations of exact arithmetic");
    }

    private BudgetExceededException TooLarge() => new(BudgetExceededException.Limit.Size,
        $"not computed: the exact value has more than {Math.Floor(MaxBits * 0.30103 + 1):N0} decimal digits");

    private static long Words(BigInteger value) => 1 + (long)(value.GetBitLength() / 64);
}

/// <summary>An exact computation went over its <see cref="ExactBudget"/>; the message says which limit.</summary>
internal sealed class BudgetExceededException(BudgetExceededException.Limit limit, string message) : Exception(message)
{
    public enum Limit
    {
        /// <summary>A value (final or intermediate) has more bits than allowed; every value built from it would too.</summary>
        Size,
        /// <summary>Too many word operations; nothing is known about the value.</summary>
        Work,
    }

    public Limit Which { get; } = limit;
}
