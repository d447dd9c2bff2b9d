using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Regions.Kernel.Format;

/// <summary>
/// Checks JSON text before anything reads it: System.Text.Json lets the last of two equal keys win in silence
/// and only notices invalid UTF-8 inside a string when the string is read, as an InvalidOperationException (an
/// internal error to the caller). Here duplicate keys and invalid strings are refused with the JSON path of the
/// object or string. The walk keeps its own stack of open containers: nesting costs heap, never call depth.
/// </summary>
public static class StrictJson
{
    /// <summary>Throws <see cref="StrictJsonException"/> naming the path of the first problem.</summary>
    public static void Check(ReadOnlySpan<byte> utf8Json, int maxDepth = 64)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });
        var open = new List<Container>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var at = PathOf(Enter(open, ref property));
                        open.Add(new Container(at, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        open.RemoveAt(open.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var container = open[^1];
                        // A key's problem is named by its object's path ("$" for the document's own).
                        var objectPath = container.Path.Length == 0 ? "$" : container.Path;
                        if (!TryText(ref reader, out var name)) throw Invalid(objectPath);
                        if (!container.Keys!.Add(name))
                            throw new StrictJsonException(objectPath, $"duplicate key \"{name}\" (each key may appear once in an object)");
                        property = name;
                        break;
                    case JsonTokenType.String:
                        var position = Enter(open, ref property);
                        if (!TryText(ref reader, out _)) throw Invalid(PathOf(position));
                        break;
                    default:
                        Enter(open, ref property);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var cut = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
            var reason = cut > 0 ? e.Message[..cut] : e.Message;
            throw new StrictJsonException("", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {reason}");
        }
    }

    /// <summary>
    /// Where the value that starts here sits (counted against its array); its path is only spelled out when needed,
    /// since a network holds millions of numbers.
    /// </summary>
    private static Position Enter(List<Container> open, ref string? property)
    {
        if (open.Count == 0) return new Position(null, 0, null);
        var parent = open[^1];
        if (parent.Keys is null) return new Position(parent, parent.Count++, null);
        var name = property;
        property = null;
        return new Position(parent, 0, name);
    }

    private static string PathOf(Position at)
    {
        if (at.Parent is null) return "";
        if (at.Name is null) return $"{at.Parent.Path}[{at.Index}]";
        return at.Parent.Path.Length == 0 ? at.Name : $"{at.Parent.Path}.{at.Name}";
    }

    /// <summary>The string's text (property names only; values are just checked), or false when it is not valid text.</summary>
    private static bool TryText(ref Utf8JsonReader reader, out string text)
    {
        text = "";
        // Unescaped text is checked in place; escapes may hide an unpaired surrogate, which only decoding reveals.
        if (!reader.ValueIsEscaped)
        {
            if (!Utf8.IsValid(reader.ValueSpan)) return false;
            if (reader.TokenType == JsonTokenType.PropertyName) text = Encoding.UTF8.GetString(reader.ValueSpan);
            return true;
        }
        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private readonly record struct Position(Container? Parent, int Index, string? Name);

    private static StrictJsonException Invalid(string path) =>
        new(path, "a string is not valid UTF-8 text (invalid bytes or an unpaired surrogate escape)");

    /// <summary>An open object (with the keys seen so far) or array (with the elements seen so far).</summary>
    private sealed class Container(string path, HashSet<string>? keys)
    {
        public string Path { get; } = path;

        public HashSet<string>? Keys { get; } = keys;

        public int Count { get; set; }
    }
}

/// <summary>JSON text refused by <see cref="StrictJson"/>; <see cref="JsonPath"/> is empty for the document itself.</summary>
public sealed class StrictJsonException(string path, string problem) : JsonProblemException(path, problem);
