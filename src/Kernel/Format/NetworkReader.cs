using System.Text.Json;
using System.Text.Json.Nodes;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;
using Regions.Kernel.Model.Graph;

namespace Regions.Kernel.Format;

/// <summary>
/// Reads and validates <c>pwl-network/1</c>, and <c>pwl-network/2</c> through <see cref="GraphReader"/> (the graph
/// lowered into the chain, which keeps it as <see cref="Network.Source"/>). Every check names the JSON path of the offending value,
/// e.g. <c>layers[2].weights[3]: 4 columns, expected 5</c>; non-finite numbers are rejected.
/// </summary>
public static class NetworkReader
{
    public const string FormatName = "pwl-network/1";

    /// <param name="limits">Budgets checked before anything is parsed or allocated (default: <see cref="ResourceLimits.Default"/>).</param>
    public static Network Load(string path, ResourceLimits? limits = null)
    {
        limits ??= ResourceLimits.Default;
        return Parse(ReadFile(path, limits), limits);
    }

    /// <summary>A model file's bytes, refused when missing, unreadable or over the <c>file</c> budget (checked on its length, before reading a byte).</summary>
    public static byte[] ReadFile(string path, ResourceLimits limits) =>
        BoundedFile.Read(path, limits, "file", message => new NetworkFormatException("", message));

    public static Network Parse(string json, ResourceLimits? limits = null) => Parse(System.Text.Encoding.UTF8.GetBytes(json), limits);

    public static Network Parse(ReadOnlySpan<byte> utf8Json, ResourceLimits? limits = null)
    {
        limits ??= ResourceLimits.Default;
        var length = utf8Json.Length;
        limits.Check(length, "file", () => $"network document has {length:N0} bytes");
        try
        {
            StrictJson.Check(utf8Json);
        }
        catch (StrictJsonException e)
        {
            throw new NetworkFormatException(e.JsonPath, e.Problem);
        }
        JsonDocument document;
        try
        {
            // A document costs several times its weights once parsed (12 bytes per JSON value on top of the text):
            // counted by a streaming pass first, so that an oversized network is refused by name, not by OutOfMemoryException.
            WeightCensus.Check(utf8Json, limits);
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new NetworkFormatException("", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
        }
        using (document)
        {
            return Read(document.RootElement, limits);
        }
    }

    private static Network Read(JsonElement root, ResourceLimits limits)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new NetworkFormatException("$", "expected a JSON object");
        var format = RequiredString(root, "format", "format");
        if (format == GraphReader.FormatName) return GraphLowering.Lower(GraphReader.Read(root, limits), limits);
        if (format != FormatName) throw new NetworkFormatException("format", $"'{format}' is not supported, expected '{FormatName}' or '{GraphReader.FormatName}'");
        var inputs = RequiredInt(root, "inputs", "inputs", min: 1, max: int.MaxValue);
        limits.Check(inputs, "inputs", () => $"network has {inputs:N0} inputs");
        if (!root.TryGetProperty("layers", out var layersElement)) throw new NetworkFormatException("layers", "missing");
        if (layersElement.ValueKind != JsonValueKind.Array) throw new NetworkFormatException("layers", "expected an array");
        if (layersElement.GetArrayLength() == 0) throw new NetworkFormatException("layers", "at least one layer is needed");
        limits.Check(layersElement.GetArrayLength(), "layers", () => $"network has {layersElement.GetArrayLength():N0} layers");

        var layers = new List<Layer>();
        var width = inputs;
        var budget = new LayerBudget(limits);
        var index = 0;
        foreach (var layerElement in layersElement.EnumerateArray())
        {
            var layer = ReadLayer(layerElement, $"layers[{index}]", width, budget);
            layers.Add(layer);
            width = layer.Units;
            index++;
        }

        string? name = null;
        if (root.TryGetProperty("name", out var nameElement))
        {
            if (nameElement.ValueKind != JsonValueKind.String) throw new NetworkFormatException("name", "expected a string");
            name = nameElement.GetString();
        }
        JsonObject? meta = null;
        if (root.TryGetProperty("meta", out var metaElement))
        {
            if (metaElement.ValueKind != JsonValueKind.Object) throw new NetworkFormatException("meta", "expected an object");
            meta = JsonNode.Parse(metaElement.GetRawText())!.AsObject();
        }
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("format" or "inputs" or "layers" or "name" or "meta"))
                throw new NetworkFormatException(property.Name, "unknown field (expected format, inputs, layers, name, meta)");
        }
        return new Network(inputs, layers, name, meta);
    }

    /// <summary>Units and weights so far, checked against the budgets before each layer's arrays are allocated.</summary>
    private sealed class LayerBudget(ResourceLimits limits)
    {
        private long units;
        private long weights;

        public void Add(string path, int rows, int rank, int columns)
        {
            var layerUnits = rows / rank;
            limits.Check(layerUnits, "layer-units", () => $"{path} has {layerUnits:N0} units");
            units += layerUnits;
            limits.Check(units, "units", () => $"network has {units:N0} units up to {path}");
            weights += (long)rows * columns;
            limits.Check(weights, "weights", () => $"network has {weights:N0} weights up to {path}");
            if ((long)rows * columns > Array.MaxLength) throw new NetworkFormatException($"{path}.weights", $"{rows}x{columns} weights do not fit in one array");
        }
    }

    private static Layer ReadLayer(JsonElement element, string path, int columns, LayerBudget budget)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new NetworkFormatException(path, "expected an object");
        var token = RequiredString(element, "activation", $"{path}.activation");
        if (!ActivationNames.TryParse(token, out var activation))
            throw new NetworkFormatException($"{path}.activation", $"'{token}' is not one of {string.Join(", ", ActivationNames.AllTokens)}");

        var rank = 1;
        if (activation == Activation.Maxout)
            rank = RequiredInt(element, "rank", $"{path}.rank", min: 2, max: Layer.MaxRank);
        else if (element.TryGetProperty("rank", out _))
            throw new NetworkFormatException($"{path}.rank", $"only maxout layers have a rank, this one is {token}");

        double slope = 0;
        if (activation == Activation.LeakyRelu)
        {
            if (!element.TryGetProperty("slope", out var slopeElement)) throw new NetworkFormatException($"{path}.slope", "missing (leaky_relu needs a slope)");
            slope = ReadNumber(slopeElement, $"{path}.slope");
            if (!(slope >= 0 && slope < 1)) throw new NetworkFormatException($"{path}.slope", $"{slope} is outside [0, 1)");
        }
        else if (element.TryGetProperty("slope", out _))
        {
            throw new NetworkFormatException($"{path}.slope", $"only leaky_relu layers have a slope, this one is {token}");
        }

        if (!element.TryGetProperty("weights", out var weightsElement)) throw new NetworkFormatException($"{path}.weights", "missing");
        if (weightsElement.ValueKind != JsonValueKind.Array) throw new NetworkFormatException($"{path}.weights", "expected an array of rows");
        var rows = weightsElement.GetArrayLength();
        if (rows == 0) throw new NetworkFormatException($"{path}.weights", "at least one row is needed");
        if (activation == Activation.Maxout && rows % rank != 0)
            throw new NetworkFormatException($"{path}.weights", $"{rows} rows are not a multiple of rank {rank}");
        budget.Add(path, rows, rank, columns);

        var weights = new double[rows * columns];
        var r = 0;
        foreach (var row in weightsElement.EnumerateArray())
        {
            var rowPath = $"{path}.weights[{r}]";
            if (row.ValueKind != JsonValueKind.Array) throw new NetworkFormatException(rowPath, "expected an array of numbers");
            var length = row.GetArrayLength();
            if (length != columns) throw new NetworkFormatException(rowPath, $"{length} columns, expected {columns}");
            var c = 0;
            foreach (var value in row.EnumerateArray())
            {
                weights[r * columns + c] = ReadNumber(value, $"{rowPath}[{c}]");
                c++;
            }
            r++;
        }

        if (!element.TryGetProperty("biases", out var biasesElement)) throw new NetworkFormatException($"{path}.biases", "missing");
        if (biasesElement.ValueKind != JsonValueKind.Array) throw new NetworkFormatException($"{path}.biases", "expected an array of numbers");
        if (biasesElement.GetArrayLength() != rows)
            throw new NetworkFormatException($"{path}.biases", $"{biasesElement.GetArrayLength()} biases, expected {rows} (one per row)");
        var biases = new double[rows];
        var b = 0;
        foreach (var value in biasesElement.EnumerateArray())
        {
            biases[b] = ReadNumber(value, $"{path}.biases[{b}]");
            b++;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is not ("activation" or "rank" or "slope" or "weights" or "biases"))
                throw new NetworkFormatException($"{path}.{property.Name}", "unknown field (expected activation, rank, slope, weights, biases)");
        }
        return new Layer(activation, rows, columns, weights, biases, rank, slope);
    }

    private static double ReadNumber(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            var shown = element.ValueKind == JsonValueKind.String ? $"the string \"{element.GetString()}\"" : element.ValueKind.ToString().ToLowerInvariant();
            throw new NetworkFormatException(path, $"expected a finite number, found {shown}");
        }
        if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
            throw new NetworkFormatException(path, $"{element.GetRawText()} is not a finite double");
        return value;
    }

    private static string RequiredString(JsonElement element, string property, string path)
    {
        if (!element.TryGetProperty(property, out var value)) throw new NetworkFormatException(path, "missing");
        if (value.ValueKind != JsonValueKind.String) throw new NetworkFormatException(path, "expected a string");
        return value.GetString()!;
    }

    private static int RequiredInt(JsonElement element, string property, string path, int min, int max)
    {
        if (!element.TryGetProperty(property, out var value)) throw new NetworkFormatException(path, "missing");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
            throw new NetworkFormatException(path, $"expected an integer, found {value.GetRawText()}");
        if (number < min || number > max) throw new NetworkFormatException(path, $"{number} is outside [{min}, {max}]");
        return (int)number;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
