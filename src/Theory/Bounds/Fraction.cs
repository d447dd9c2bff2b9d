using System.Globalization;
using System.Numerics;
using System.Text;

namespace Regions.Theory.Bounds;

/// <summary>A non-negative exact rational, kept only long enough to print it rounded.</summary>
public readonly record struct Fraction
{
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(denominator), "denominator must be positive");
        if (numerator.Sign < 0) throw new ArgumentOutOfRangeException(nameof(numerator), "numerator must be non-negative");
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    /// <summary>Decimal text rounded half up to <paramref name="decimals"/> places; the integer part is exact.</summary>
    public string ToDecimalString(int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        var scale = BigInteger.Pow(10, decimals);
        var scaled = (Numerator * scale * 2 + Denominator) / (Denominator * 2);
        var whole = BigInteger.DivRem(scaled, scale, out var fraction);
        var text = new StringBuilder(whole.ToString(CultureInfo.InvariantCulture));
        if (decimals > 0)
        {
            text.Append('.');
            text.Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0'));
        }
        return text.ToString();
    }

    public override string ToString() => $"{Numerator}/{Denominator}";
}
