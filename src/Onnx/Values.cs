namespace Regions.Onnx;

/// <summary>What a name of the graph holds while the importer walks it.</summary>
internal abstract record GraphValue(long[] Shape);

/// <summary>A value known before any input: folded into the affine maps.</summary>
internal sealed record ConstantValue(Tensor Tensor) : GraphValue(Tensor.Shape);

/// <summary>
/// A value computed from the input: the chain builder's current vector (flattened row-major, NCHW), as it was at
/// <paramref name="Version"/>. Reading it after the builder has moved on means the graph branches.
/// </summary>
internal sealed record ComputedValue(long[] Shape, int Version) : GraphValue(Shape)
{
    public int Length => checked((int)Shapes.Size(Shape));
}
