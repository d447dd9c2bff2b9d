using System.Text;
using System.Text.Json;
using Regions.Theory.Bounds;

namespace Regions.Silo.Formatting;

/// <summary>
/// The <c>--json</c> form of <c>regions bounds</c>. Values are strings of exact decimal digits, because
/// JSON numbers are read as doubles by most consumers and these integers exceed 2^53.
/// </summary>
internal static class BoundsJson
{
    public static void Write(TextWriter output, Architecture net, IReadOnlyList<BoundResult> bounds)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("inputs", net.Inputs);
            json.WriteStartArray("widths");
            foreach (var width in net.Widths) json.WriteNumberValue(width);
            json.WriteEndArray();
            if (net.Rank is { } rank) json.WriteNumber("rank", rank);
            else json.WriteNull("rank");
            json.WriteNumber("outputs", net.Outputs);
            json.WriteStartArray("bounds");
            foreach (var bound in bounds) WriteBound(json, bound);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteBound(Utf8JsonWriter json, BoundResult bound)
    {
        json.WriteStartObject();
        json.WriteString("id", bound.Id);
        json.WriteString("name", bound.Name);
        json.WriteString("citation", bound.Citation);
        json.WriteString("kind", BoundsTable.KindName(bound.Kind));
        json.WriteString("subject", bound.Subject == BoundSubject.Network ? "network" : "shallow");
        json.WriteString("value", bound.ValueText);   // null when not applicable
        json.WriteString("formula", bound.Formula);
        json.WriteString("notApplicable", bound.NotApplicableReason);
        json.WriteEndObject();
    }
}
