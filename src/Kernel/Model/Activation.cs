namespace Regions.Kernel.Model;

/// <summary>The piecewise-linear activations of the <c>pwl-network/1</c> format.</summary>
public enum Activation
{
    Linear,
    Relu,
    LeakyRelu,
    Abs,
    HardTanh,
    Maxout,
}

public static class ActivationNames
{
    public static string ToToken(this Activation activation) => activation switch
    {
        Activation.Linear => "linear",
        Activation.Relu => "relu",
        Activation.LeakyRelu => "leaky_relu",
        Activation.Abs => "abs",
        Activation.HardTanh => "hardtanh",
        Activation.Maxout => "maxout",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    public static bool TryParse(string token, out Activation activation)
    {
        foreach (var candidate in Enum.GetValues<Activation>())
        {
            if (candidate.ToToken() == token)
            {
                activation = candidate;
                return true;
            }
        }
        activation = default;
        return false;
    }

    public static IEnumerable<string> AllTokens => Enum.GetValues<Activation>().Select(a => a.ToToken());
}
