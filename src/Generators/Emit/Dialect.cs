namespace Regions.Generators.Emit
{
    /// <summary>
    /// The text form of <c>Regions.Kernel.Evaluation.ILanes</c>: each operation has the name it has there and returns
    /// the C# that does it for one vector API, so an emitted kind reads line by line like its lane form. The two
    /// instances are the two widths the kernels run at (<c>Vector&lt;T&gt;</c> and <c>Vector512&lt;T&gt;</c>), as
    /// <c>VectorLanes</c> and <c>Vector512Lanes</c> are for the generic evaluator.
    /// </summary>
    internal sealed class Dialect
    {
        public static readonly Dialect VectorT = new Dialect(
            "EvaluateVector", "Vector", "Vector<double>", "Vector<ulong>", "Vector<long>");

        public static readonly Dialect Vector512 = new Dialect(
            "Evaluate512", "System.Runtime.Intrinsics.Vector512", "System.Runtime.Intrinsics.Vector512<double>",
            "System.Runtime.Intrinsics.Vector512<ulong>", "System.Runtime.Intrinsics.Vector512<long>");

        private Dialect(string method, string api, string lanes, string words, string indices)
        {
            Method = method;
            this.api = api;
            Lanes = lanes;
            this.words = words;
            this.indices = indices;
        }

        /// <summary>The static class of the operations: Vector or Vector512.</summary>
        private readonly string api;

        private readonly string words, indices;

        /// <summary>The name of the kernel body written in this dialect.</summary>
        public string Method { get; }

        /// <summary>The lanes type: one double per point.</summary>
        public string Lanes { get; }

        // Vector<T> spells a few operations as constructors and static conversions where Vector512 has Create and extension methods.
        private bool IsVectorT => api == "Vector";

        public string Count => $"{Lanes}.Count";

        public string Zero => $"{Lanes}.Zero";

        public string Broadcast(string value) => IsVectorT ? $"new Vector<double>({value})" : $"{api}.Create({value})";

        public string Load(string source, string offset) => $"{api}.LoadUnsafe(ref {source}, {offset})";

        /// <summary>a * b + addend with one rounding (fused).</summary>
        public string MultiplyAdd(string a, string b, string addend) => $"{api}.FusedMultiplyAdd({a}, {b}, {addend})";

        public string Multiply(string a, string b) => $"{a} * {b}";

        public string Negate(string a) => $"-{a}";

        public string GreaterThan(string a, string b) => $"{api}.GreaterThan({a}, {b})";

        public string LessThan(string a, string b) => $"{api}.LessThan({a}, {b})";

        /// <summary>Lane-wise mask ? whenTrue : whenFalse, for lanes of any element type (doubles, pattern words, indices).</summary>
        public string Select(string mask, string whenTrue, string whenFalse) => $"{api}.ConditionalSelect({mask}, {whenTrue}, {whenFalse})";

        // What ILanes.OrState does in one call, the kernels do in 64-bit integer lanes, so pattern words never pass
        // through doubles: the operations below build a unit's state bits and store the words.

        public string WordZero => $"{words}.Zero";

        public string BroadcastWord(ulong value) => IsVectorT ? $"new Vector<ulong>({value}UL)" : $"{api}.Create({value}UL)";

        /// <summary>A comparison mask as 64-bit words (all ones where true).</summary>
        public string MaskBits(string mask) => IsVectorT ? $"Vector.AsVectorUInt64({mask})" : $"{mask}.AsUInt64()";

        public string StoreWords(string value, string destination, string offset) => $"{api}.StoreUnsafe({value}, ref {destination}, {offset})";

        public string IndexZero => $"{indices}.Zero";

        public string BroadcastIndex(int value) => IsVectorT ? $"new Vector<long>({value})" : $"{api}.Create({value}L)";

        /// <summary>A comparison mask where a 64-bit integer select needs one.</summary>
        public string IndexMask(string mask) => IsVectorT ? mask : $"{mask}.AsInt64()";

        public string ShiftIndex(string index, int shift) =>
            IsVectorT ? $"Vector.ShiftLeft(Vector.AsVectorUInt64({index}), {shift})" : $"{api}.ShiftLeft({index}.AsUInt64(), {shift})";
    }
}
