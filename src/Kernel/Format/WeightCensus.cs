using System.Text.Json;
using Regions.Kernel.Limits;

namespace Regions.Kernel.Format;

/// <summary>
/// A streaming pass over a network document that counts its weights (numbers at layers[i].weights[r][c]) and
/// its JSON values without building anything, so that a network above the weights budget is refused by name
/// before the document model (about 12 bytes per value on top of the text) and the weight arrays are allocated.
/// </summary>
internal static class WeightCensus
{
    /// <exception cref="InvalidRequestException">Too many weights, or far more values than a network within the budgets has.</exception>
    /// <exception cref="JsonException">Not JSON; the full parse reports it the same way.</exception>
    public static void Check(ReadOnlySpan<byte> utf8Json, ResourceLimits limits)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 64 });
        // The name of every open container, "" for an array element or the root: a weight sits at ["", "layers", "", "weights", ""].
        var path = new List<string>();
        string pending = "";
        long weights = 0, values = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = path.Count == 1 || path.Count == 3 ? reader.GetString()! : "?";
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path.Add(pending);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    break;
                case JsonTokenType.Number when path.Count == 5 && path[3] == "weights" && path[1] == "layers":
                    weights++;
                    break;
            }
            values++;
            pending = "";
        }
        limits.Check(weights, "weights", () => $"network has {weights:N0} weights");
        // Biases, rows and meta add values beyond the weights; anything far beyond is no network within the budgets.
        var allowed = Saturating(2 * (double)limits.Weights + 4 * (double)limits.Units + 1_000_000);
        if (values > allowed)
            throw new InvalidRequestException(limits.Exceeded($"network document holds {values:N0} JSON values, more than a network within the weights and units budgets can have", "weights")) { Code = RefusalCodes.OverBudget };
    }

    private static long Saturating(double value) => value >= long.MaxValue ? long.MaxValue : (long)value;
}
