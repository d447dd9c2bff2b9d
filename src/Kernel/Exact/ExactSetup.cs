using Regions.Kernel.Evaluation;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// What every enumerator of one job shares: the network rescaled by <see cref="UnitScaling"/>, the slice it is
/// enumerated on, the tolerance of the job's domain, and how output maps are reported and compared. Built
/// from the domain, never from a cell, so decisions do not depend on how the domain is cut into cells.
/// </summary>
internal sealed class ExactSetup
{
    private readonly UnitScaling scaling;
    private readonly Layer[] squaredLayers;
    private readonly (IReadOnlyList<LayerSupport>, IReadOnlyList<LayerSupport>) supports;

    /// <param name="domain">The job's domain in the slice's parameters.</param>
    public ExactSetup(Network network, AffineSlice slice, Box domain)
    {
        scaling = UnitScaling.Of(network);
        squaredLayers = scaling.Network.Layers.Select(AffineRows.Squared).ToArray();
        // Per layer and squared layer: a square can underflow to 0 where the weight is not, so each has its own.
        supports = (scaling.Network.Layers.Select(LayerSupport.Of).ToArray(), squaredLayers.Select(LayerSupport.Of).ToArray());
        Original = network;
        Slice = slice;
        Distance = ExactTolerance.Distance(domain);
    }

    /// <summary>The setup of a slice enumerator: a slice of <paramref name="dimension"/> parameters through the network's inputs.</summary>
    public static ExactSetup OnSlice(Network network, AffineSlice slice, Box domain, int dimension, string noun)
    {
        if (slice.Dimension != dimension || domain.Dimension != dimension) throw new ArgumentException($"a {noun} has {dimension} parameter(s)");
        if (slice.Inputs != network.Inputs) throw new InvalidRequestException($"the {noun} has {slice.Inputs} coordinates, the network {network.Inputs} inputs");
        return new ExactSetup(network, slice, domain);
    }

    /// <summary>The rescaled network the engine subdivides by: same patterns and regions as <see cref="Original"/>.</summary>
    public Network Network => scaling.Network;

    public Network Original { get; }

    public AffineSlice Slice { get; }

    /// <summary>See <see cref="ExactTolerance.Distance"/>.</summary>
    public double Distance { get; }

    public SubdivisionEngine Engine(bool magnitudes = false, double[]? normal = null) =>
        new(Network, squaredLayers, supports, Slice.Dimension, Slice.Embedding(), normal) { TrackMagnitudes = magnitudes };

    /// <summary>
    /// The region as the user sees it: output maps of the original network (the rescaling undone), with its piece's
    /// polygon or interval and its maps' term sizes where the enumerator records them (made whole at once: a region
    /// record is made per region found, and copies of it were a tenth of a 10^4-region view's allocations).
    /// </summary>
    public ExactRegion Create(ulong[] pattern, double[] outputs, double[] centroid,
        IReadOnlyList<(double U, double V)>? polygon = null, (double T0, double T1)? interval = null, double[]? mapSizes = null)
    {
        var d = Slice.Dimension;
        var maps = new AffineMap[Original.Outputs];
        for (var o = 0; o < maps.Length; o++)
        {
            var exponent = scaling.OutputExponents[o];
            var gradient = new double[d];
            for (var i = 0; i < d; i++) gradient[i] = Math.ScaleB(outputs[o * (d + 1) + i], exponent);
            maps[o] = new AffineMap(gradient, Math.ScaleB(outputs[o * (d + 1) + d], exponent));
        }
        return new ExactRegion((ulong[])pattern.Clone(), Fingerprint.Of(pattern), Slice.Point(centroid), maps) { Polygon = polygon, Interval = interval, MapSizes = mapSizes };
    }

    /// <summary>Whether two adjacent regions' output maps (rescaled, with the magnitudes of their terms) are the same affine function (<see cref="OutputMapEquality"/>).</summary>
    public bool SameMaps(double[] a, double[] aSizes, double[] b, double[] bSizes) => OutputMapEquality.Same(a, aSizes, b, bSizes, Slice.Dimension + 1);

    /// <summary>The layers squared (<see cref="AffineRows.Squared"/>), for the sizes of the terms behind a row.</summary>
    public IReadOnlyList<Layer> SquaredLayers => squaredLayers;

    /// <summary>The nonzero weights of the network's layers and of the squared layers, as the engine sums over them.</summary>
    public (IReadOnlyList<LayerSupport> Layers, IReadOnlyList<LayerSupport> Squared) Supports => supports;

    /// <summary>Whether the first layer's rows over P are the weights themselves (P is the input space): they carry no rounding.</summary>
    public bool FirstLayerExact => SubdivisionEngine.IsIdentity(Slice.Embedding(), Slice.Dimension, Network.Inputs);

    /// <summary>The sizes of the terms behind each output map coefficient (rescaling undone, as <see cref="Create"/> does for the maps).</summary>
    public double[] OriginalSizes(double[] sizes)
    {
        var stride = Slice.Dimension + 1;
        var result = new double[sizes.Length];
        for (var i = 0; i < result.Length; i++) result[i] = Math.ScaleB(sizes[i], scaling.OutputExponents[i / stride]);
        return result;
    }
}
