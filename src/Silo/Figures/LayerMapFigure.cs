using Regions.Drawing;
using Regions.Kernel;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Silo.Commands;
using Regions.Theory.Constructions;

namespace Regions.Silo.Figures;

/// <summary>
/// A construction's regions after each hidden layer, one panel per layer in a row (Pascanu, Montufar, Bengio 2013,
/// Fig. 2-3: how each layer folds the input space): panel l is the <c>map --layer l</c> view, colouring by the pattern
/// of layers 1..l, and its title gives the exact number of regions after that layer. Drawn on the plane of the first two
/// inputs (other inputs 0), over <paramref name="box"/> or the construction's own domain.
/// </summary>
internal sealed class LayerMapFigure(string name, string construction, ConstructionRequest request, string what, Box? box = null)
    : Figure(name, $"{name}.svg")
{
    public const int PanelWidth = 420, PanelHeight = 440;

    /// <summary>The figures are small constructions; a map beyond this is not one of them.</summary>
    private const int MaxRegions = 200_000;

    public Network Network() => NetworkConstructions.Build(construction, request);

    /// <summary>The (u, v) rectangle drawn: the given one, or the first two axes of the construction's domain.</summary>
    public Box Box(Network network)
    {
        if (box is not null) return box;
        var domain = MetaDomain.Read(network) ?? throw new InvalidOperationException($"{construction} records no domain");
        return new Box([domain.Lower[0], domain.Lower[1]], [domain.Upper[0], domain.Upper[1]]);
    }

    /// <summary>The plane x = u e1 + v e2 (other inputs 0).</summary>
    public static AffineSlice Plane(int inputs)
    {
        var (u, v) = (new double[inputs], new double[inputs]);
        u[0] = 1;
        v[1] = 1;
        return new AffineSlice(new double[inputs], [u, v]);
    }

    /// <summary>The hidden layers: every layer but the linear output.</summary>
    public static int HiddenLayers(Network network) => network.Layers.Count - 1;

    public override FigureResult Write(string path)
    {
        var network = Network();
        var rect = Box(network);
        var plane = Plane(network.Inputs);
        var hidden = HiddenLayers(network);
        var panels = new List<MapContent>();
        var counts = new List<long>();
        for (var l = 1; l <= hidden; l++)
        {
            var regions = PlaneRegions.Enumerate(network, plane, rect, new MapPartition(false, l), MaxRegions)
                ?? throw new InvalidOperationException($"{Name}: more than {MaxRegions} regions on the plane");
            counts.Add(regions.Count);
            var title = new List<string>
            {
                hidden == 1 ? $"{construction}: {network.Describe()}" : $"{construction}: after layer {l} of {hidden}",
                hidden == 1 ? what : network.Describe(),
                $"{regions.Count:N0} regions{(hidden == 1 ? "" : $" after layer {l}")} (exact)",
            };
            panels.Add(new MapContent(rect, title, regions.Regions, null, BoundaryTracer.Trace(regions.Regions, rect), []));
        }
        OutputFile.Write(path, file => MapRow.Write(file, MapFormat.Svg, PanelWidth, PanelHeight, panels));
        var says = hidden == 1 ? $"{counts[0]} regions (exact)" : $"regions after layers 1..{hidden}: {string.Join(", ", counts)} (exact)";
        return new FigureResult($"{construction} {network.Describe()}: {what}", counts, says);
    }
}
