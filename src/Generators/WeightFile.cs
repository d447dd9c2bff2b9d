using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Regions.Generators
{
    /// <summary>
    /// Reads the hidden layers of a pwl-network/1 file inside the compiler (no JSON library is available to
    /// a netstandard2.0 generator): a small recursive-descent reader of objects, arrays, numbers and strings.
    /// Full validation is the runtime reader's job; here a file either yields the layers or says why not.
    /// </summary>
    internal static class WeightFile
    {
        /// <summary>The hidden layers (all but the last) as baked layers, or an error message.</summary>
        public static (Emit.BakedLayer[]? Layers, string? Error) Read(string text, Emit.KernelModel model)
        {
            object? root;
            try
            {
                var position = 0;
                root = Value(text, ref position);
            }
            catch (FormatException e)
            {
                return (null, "malformed JSON: " + e.Message);
            }
            if (!(root is Dictionary<string, object?> network)) return (null, "not a JSON object");
            if (!(network.TryGetValue("inputs", out var inputs) && inputs is double n0) || (int)n0 != model.Inputs)
                return (null, $"the file has {network.GetValueOrDefault("inputs")} inputs, the attribute {model.Inputs}");
            if (!(network.TryGetValue("layers", out var layersValue) && layersValue is List<object?> layers) || layers.Count != model.Widths.Length + 1)
                return (null, $"the file has {(layersValue as List<object?>)?.Count ?? 0} layers, the attribute {model.Widths.Length} hidden layers and an output layer");
            var baked = new Emit.BakedLayer[model.Widths.Length];
            var columns = model.Inputs;
            for (var l = 0; l < baked.Length; l++)
            {
                if (!(layers[l] is Dictionary<string, object?> layer)) return (null, $"layers[{l}] is not an object");
                var activation = layer.GetValueOrDefault("activation") as string;
                if (activation != model.Activation) return (null, $"layers[{l}] is {activation}, the attribute says {model.Activation}");
                if (model.Activation == "maxout" && !(layer.GetValueOrDefault("rank") is double k && (int)k == model.Rank))
                    return (null, $"layers[{l}] has rank {layer.GetValueOrDefault("rank")}, the attribute {model.Rank}");
                var rows = model.Widths[l] * model.RowsPerUnit;
                if (!(layer.GetValueOrDefault("weights") is List<object?> weights) || weights.Count != rows)
                    return (null, $"layers[{l}] has {(layer.GetValueOrDefault("weights") as List<object?>)?.Count ?? 0} weight rows, the attribute implies {rows}");
                var flat = new double[rows * columns];
                for (var r = 0; r < rows; r++)
                {
                    if (!(weights[r] is List<object?> row) || row.Count != columns || row.Any(v => !(v is double)))
                        return (null, $"layers[{l}].weights[{r}] is not {columns} numbers");
                    for (var c = 0; c < columns; c++) flat[r * columns + c] = (double)row[c]!;
                }
                if (!(layer.GetValueOrDefault("biases") is List<object?> biases) || biases.Count != rows || biases.Any(v => !(v is double)))
                    return (null, $"layers[{l}].biases is not {rows} numbers");
                baked[l] = new Emit.BakedLayer(rows, columns, flat, biases.Select(v => (double)v!).ToArray());
                columns = model.Widths[l];
            }
            return (baked, null);
        }

        private static object? GetValueOrDefault(this Dictionary<string, object?> d, string key) => d.TryGetValue(key, out var v) ? v : null;

        private static object? Value(string s, ref int i)
        {
            Skip(s, ref i);
            if (i >= s.Length) throw new FormatException("unexpected end");
            switch (s[i])
            {
                case '{':
                    var obj = new Dictionary<string, object?>();
                    i++;
                    Skip(s, ref i);
                    if (s[i] == '}') { i++; return obj; }
                    while (true)
                    {
                        Skip(s, ref i);
                        var key = String(s, ref i);
                        Skip(s, ref i);
                        Expect(s, ref i, ':');
                        obj[key] = Value(s, ref i);
                        Skip(s, ref i);
                        if (s[i] == ',') { i++; continue; }
                        Expect(s, ref i, '}');
                        return obj;
                    }
                case '[':
                    var list = new List<object?>();
                    i++;
                    Skip(s, ref i);
                    if (s[i] == ']') { i++; return list; }
                    while (true)
                    {
                        list.Add(Value(s, ref i));
                        Skip(s, ref i);
                        if (s[i] == ',') { i++; continue; }
                        Expect(s, ref i, ']');
                        return list;
                    }
                case '"':
                    return String(s, ref i);
                case 't': i += 4; return true;
                case 'f': i += 5; return false;
                case 'n': i += 4; return null;
                default:
                    var start = i;
                    while (i < s.Length && "+-0123456789.eE".IndexOf(s[i]) >= 0) i++;
                    if (!double.TryParse(s.Substring(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                        throw new FormatException($"bad value at offset {start}");
                    return number;
            }
        }

        private static string String(string s, ref int i)
        {
            Expect(s, ref i, '"');
            var start = i;
            while (i < s.Length && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
            var text = s.Substring(start, i - start);
            i++;
            return text;
        }

        private static void Expect(string s, ref int i, char c)
        {
            if (i >= s.Length || s[i] != c) throw new FormatException($"expected '{c}' at offset {i}");
            i++;
        }

        private static void Skip(string s, ref int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        }
    }
}
