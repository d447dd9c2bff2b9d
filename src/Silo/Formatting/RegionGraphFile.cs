using System.Text.Json;
using System.Xml;
using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Kernel.Statistics;

namespace Regions.Silo.Formatting;

/// <summary>
/// <c>count --graph FILE</c>: the region adjacency graph as GraphML (<c>.graphml</c>; node data declared as
/// keys, lists as JSON strings) or JSON (<c>.json</c>). Each node is an activation region with its states per
/// layer, fingerprint, interior point (input coordinates), output maps and measure (over the enumeration's
/// coordinates); each edge is two regions sharing a facet.
/// </summary>
internal static class RegionGraphFile
{
    /// <summary>Refuses a name the format cannot be told from, before any work is done.</summary>
    public static void CheckName(string path)
    {
        if (!IsGraphMl(path) && !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new InvalidRequestException($"--graph: '{path}' must end in .graphml or .json (the format is told by the extension)");
    }

    public static void Write(string path, RegionGraph graph, Network network, string coordinates, string measure)
    {
        try
        {
            using var stream = File.Create(path);
            if (IsGraphMl(path)) WriteGraphMl(stream, graph, network, coordinates, measure);
            else WriteJson(stream, graph, network, coordinates, measure);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidRequestException($"--graph: cannot write '{path}': {e.Message}");
        }
    }

    private static bool IsGraphMl(string path) => path.EndsWith(".graphml", StringComparison.OrdinalIgnoreCase);

    private static object Maps(IEnumerable<AffineMap> maps) => maps.Select(m => new { gradient = m.Gradient, offset = m.Offset }).ToArray();

    private static void WriteJson(Stream stream, RegionGraph graph, Network network, string coordinates, string measure)
    {
        var payload = new Dictionary<string, object>
        {
            ["coordinates"] = coordinates,
            ["measure"] = measure,
            ["nodes"] = graph.Nodes.Select((n, i) => new Dictionary<string, object>
            {
                ["id"] = i,
                ["fingerprint"] = Fingerprint.ToHex(n.Region.Fingerprint),
                ["pattern"] = network.StatesByLayer(n.Region.Pattern),
                ["interiorPoint"] = n.Region.InteriorPoint,
                ["outputMaps"] = Maps(n.Region.Outputs),
                [measure] = n.Shape.Measure,
            }).ToArray(),
            ["edges"] = graph.Edges.Select(e => new[] { e.A, e.B }).ToArray(),
        };
        JsonSerializer.Serialize(stream, payload);
    }

    private static void WriteGraphMl(Stream stream, RegionGraph graph, Network network, string coordinates, string measure)
    {
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        const string ns = "http://graphml.graphdrawing.org/xmlns";
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", ns);
        Key(xml, "coordinates", "graph", "coordinates", "string");
        Key(xml, "fingerprint", "node", "fingerprint", "string");
        Key(xml, "pattern", "node", "pattern", "string");
        Key(xml, "interiorPoint", "node", "interiorPoint", "string");
        Key(xml, "outputMaps", "node", "outputMaps", "string");
        Key(xml, "measure", "node", measure, "double");
        xml.WriteStartElement("graph", ns);
        xml.WriteAttributeString("id", "regions");
        xml.WriteAttributeString("edgedefault", "undirected");
        Data(xml, "coordinates", coordinates);
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            xml.WriteStartElement("node", ns);
            xml.WriteAttributeString("id", $"n{i}");
            Data(xml, "fingerprint", Fingerprint.ToHex(node.Region.Fingerprint));
            Data(xml, "pattern", JsonSerializer.Serialize(network.StatesByLayer(node.Region.Pattern)));
            Data(xml, "interiorPoint", JsonSerializer.Serialize(node.Region.InteriorPoint));
            Data(xml, "outputMaps", JsonSerializer.Serialize(Maps(node.Region.Outputs)));
            Data(xml, "measure", XmlConvert.ToString(node.Shape.Measure));
            xml.WriteEndElement();
        }
        foreach (var (a, b) in graph.Edges)
        {
            xml.WriteStartElement("edge", ns);
            xml.WriteAttributeString("source", $"n{a}");
            xml.WriteAttributeString("target", $"n{b}");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Key(XmlWriter xml, string id, string owner, string name, string type)
    {
        xml.WriteStartElement("key", "http://graphml.graphdrawing.org/xmlns");
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("for", owner);
        xml.WriteAttributeString("attr.name", name);
        xml.WriteAttributeString("attr.type", type);
        xml.WriteEndElement();
    }

    private static void Data(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data", "http://graphml.graphdrawing.org/xmlns");
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
