namespace Regions.Onnx;

/// <summary>What a name of the ONNX graph holds while the importer walks it.</summary>
internal abstract record GraphValue(long[] Shape);

/// <summary>A value known before any input: folded into the nodes' parameters.</summary>
internal sealed record ConstantValue(Tensor Tensor) : GraphValue(Tensor.Shape);

/// <summary>
/// A value computed from the input: the <c>pwl-network/2</c> value <paramref name="Value"/> (flattened row-major, NCHW)
/// under the ONNX shape <paramref name="Shape"/>, which a shape operator may have changed without a node; a reader
/// that needs the shape gets a <c>reshape</c> node (<see cref="ImportContext.Read"/>).
/// </summary>
internal sealed record ComputedValue(long[] Shape, string Value) : GraphValue(Shape)
{
    public int Length => checked((int)Shapes.Size(Shape));
}
