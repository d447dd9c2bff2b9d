namespace Regions.Generators.Emit
{
    /// <summary>
    /// The text form of the float pass's lane operations (Regions.Kernel.Evaluation.Screening.IFloatLanes), for the two
    /// widths the kernels run at, as <see cref="Dialect"/> is for the double bodies. Masks and pattern halves are
    /// 32-bit unsigned lanes in both.
    /// </summary>
    internal sealed class FloatDialect
    {
        public static readonly FloatDialect VectorT = new FloatDialect("EvaluateFloat", "Vector", "Vector<float>", "Vector<uint>", "Vector<double>");

        public static readonly FloatDialect Vector512 = new FloatDialect(
            "EvaluateFloat512", "System.Runtime.Intrinsics.Vector512", "System.Runtime.Intrinsics.Vector512<float>",
            "System.Runtime.Intrinsics.Vector512<uint>", "System.Runtime.Intrinsics.Vector512<double>");

        private readonly string api;

        private FloatDialect(string method, string api, string lanes, string bits, string doubles)
        {
            Method = method;
            this.api = api;
            Lanes = lanes;
            Bits = bits;
            Doubles = doubles;
        }

        private bool IsVectorT => api == "Vector";

        public string Method { get; }

        /// <summary>The float lanes type.</summary>
        public string Lanes { get; }

        /// <summary>The 32-bit unsigned lanes type: masks and pattern halves.</summary>
        public string Bits { get; }

        /// <summary>The double lanes type of the same width (half the lanes).</summary>
        public string Doubles { get; }

        public string Call(string operation, params string[] arguments) => $"{api}.{operation}({string.Join(", ", arguments)})";

        public string Broadcast(string value) => IsVectorT ? $"new Vector<float>({value})" : $"{api}.Create({value})";

        public string BroadcastBits(uint value) => IsVectorT ? $"new Vector<uint>({value}u)" : $"{api}.Create({value}u)";

        /// <summary>A float comparison's mask as 32-bit lanes (all ones where true).</summary>
        public string MaskBits(string mask) => IsVectorT ? $"Vector.AsVectorUInt32({mask})" : $"{mask}.AsUInt32()";

        /// <summary>Count doubles at the offset, rounded to floats.</summary>
        public string Narrow(string source, string offset) =>
            Call("Narrow", Call("LoadUnsafe", $"ref {source}", offset), Call("LoadUnsafe", $"ref {source}", $"{offset} + (nuint){Doubles}.Count"));

        /// <summary>Declares the two 64-bit halves of 32-bit lanes, widened.</summary>
        public string Widen(string source, string low, string high) =>
            IsVectorT ? $"Vector.Widen({source}, out var {low}, out var {high});" : $"var ({low}, {high}) = {api}.Widen({source});";
    }
}
