using System.Linq;
using System.Text;

namespace Regions.Generators.Emit
{
    /// <summary>
    /// The kernel's float pass (docs/precision.md): the same unrolled layers in <c>Vector&lt;float&gt;</c>, twice the
    /// points per vector, each unit's state accepted only where its float pre-activation lies farther from every
    /// breakpoint than the row's error bound (<c>rowErrors</c>, filled per batch by ScreeningBounds). Pattern words are
    /// built as 32-bit halves in float-width lanes and widened at the end. Points with a state left undecided are
    /// listed in <c>undecided</c> for the double body; the others get exactly the double patterns.
    /// </summary>
    internal static class FloatBodyEmitter
    {
        public static void Emit(StringBuilder s, KernelModel m, FloatDialect f, (int Word, int Shift)[][] slots, int words)
        {
            var baked = m.Baked is not null;
            s.AppendLine();
            s.AppendLine("    [MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            s.AppendLine($"    private int {f.Method}(ref double x, int count, ref ulong output, ref UInt128 fingerprints, bool withFingerprints)");
            s.AppendLine("    {");
            s.AppendLine("        ref float E = ref MemoryMarshal.GetArrayDataReference(rowErrors);");
            if (!baked)
            {
                for (var l = 0; l < m.Widths.Length; l++)
                {
                    s.AppendLine($"        ref float W{l} = ref MemoryMarshal.GetArrayDataReference(fw{l});");
                    s.AppendLine($"        ref float B{l} = ref MemoryMarshal.GetArrayDataReference(fb{l});");
                }
            }
            foreach (var constant in m.Kind.FloatConstants(m, f)) s.AppendLine($"        {constant}");
            s.AppendLine($"        var zero = {f.Lanes}.Zero;");
            s.AppendLine($"        int lanes = {f.Lanes}.Count;");
            s.AppendLine($"        int half = {f.Doubles}.Count;");
            s.AppendLine("        int left = 0;");
            s.AppendLine("        for (int v = 0; v < count; v += lanes)");
            s.AppendLine("        {");
            for (var i = 0; i < m.Inputs; i++)
                s.AppendLine($"            var h_{i} = {f.Narrow("x", $"(nuint)({i} * Batch + v)")};");
            for (var k = 0; k < 2 * words; k++) s.AppendLine($"            var half{k} = {f.Bits}.Zero;");
            s.AppendLine($"            var decided = {f.Bits}.AllBitsSet;");
            var columns = m.Inputs;
            var input = "h";
            var firstRow = 0;
            for (var l = 0; l < m.Widths.Length; l++)
            {
                EmitLayer(s, m, f, l, columns, input, slots[l], l == m.Widths.Length - 1, firstRow);
                firstRow += m.Widths[l] * m.RowsPerUnit;
                columns = m.Widths[l];
                input = $"h{l}";
            }
            s.AppendLine("            int n = Math.Min(lanes, count - v);");
            for (var k = 0; k < words; k++)
            {
                s.AppendLine($"            {f.Widen($"half{2 * k}", $"low{k}a", $"low{k}b")}");
                s.AppendLine($"            {f.Widen($"half{2 * k + 1}", $"high{k}a", $"high{k}b")}");
                s.AppendLine($"            var word{k}a = low{k}a | {f.Call("ShiftLeft", $"high{k}a", "32")};");
                s.AppendLine($"            var word{k}b = low{k}b | {f.Call("ShiftLeft", $"high{k}b", "32")};");
            }
            s.AppendLine($"            bool all = {f.Call("EqualsAll", "decided", $"{f.Bits}.AllBitsSet")};");
            if (words == 1)
            {
                // One-word patterns of a full, fully decided vector go out in two stores instead of lane by lane.
                s.AppendLine("            if (all && n == lanes && !withFingerprints)");
                s.AppendLine("            {");
                s.AppendLine($"                {f.Call("StoreUnsafe", "word0a", "ref output", "(nuint)v")};");
                s.AppendLine($"                {f.Call("StoreUnsafe", "word0b", "ref output", "(nuint)(v + half)")};");
                s.AppendLine("                continue;");
                s.AppendLine("            }");
            }
            s.AppendLine("            for (int i = 0; i < n; i++)");
            s.AppendLine("            {");
            s.AppendLine("                if (!all && decided[i] == 0) { undecided[left++] = v + i; continue; }");
            for (var k = 0; k < words; k++)
                s.AppendLine($"                Unsafe.Add(ref output, (v + i) * PatternWords + {k}) = i < half ? word{k}a[i] : word{k}b[i - half];");
            var fingerprint = words switch
            {
                1 => "new UInt128(0, Unsafe.Add(ref output, v + i))",
                2 => "new UInt128(Unsafe.Add(ref output, (v + i) * 2 + 1), Unsafe.Add(ref output, (v + i) * 2))",
                _ => "global::Regions.Kernel.Evaluation.Fingerprint.Hash(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref output, (v + i) * PatternWords), PatternWords))",
            };
            s.AppendLine($"                if (withFingerprints) Unsafe.Add(ref fingerprints, v + i) = {fingerprint};");
            s.AppendLine("            }");
            s.AppendLine("        }");
            s.AppendLine("        return left;");
            s.AppendLine("    }");
        }

        private static void EmitLayer(StringBuilder s, KernelModel m, FloatDialect f, int l, int columns, string input, (int Word, int Shift)[] slots, bool last, int firstRow)
        {
            var rowsPerUnit = m.RowsPerUnit;
            s.AppendLine($"            // hidden layer {l + 1} in float: {m.Widths[l]} {m.Activation} units");
            for (var u = 0; u < m.Widths[l]; u++)
            {
                var rows = new string[rowsPerUnit];
                var errors = new string[rowsPerUnit];
                for (var r = 0; r < rowsPerUnit; r++)
                {
                    rows[r] = EmitPreActivation(s, m, f, l, u * rowsPerUnit + r, columns, input);
                    errors[r] = $"Unsafe.Add(ref E, {firstRow + u * rowsPerUnit + r})";
                }
                var (word, shift) = slots[u];
                m.Kind.WriteFloat(new EmittedUnit(s, $"{l}_{u}", rows, last ? null : $"h{l}_{u}", word, shift, errors), f);
            }
        }

        private static string EmitPreActivation(StringBuilder s, KernelModel m, FloatDialect f, int l, int row, int columns, string input)
        {
            var baked = m.Baked?[l];
            var z = $"z{l}_{row}";
            var bias = baked is null ? $"Unsafe.Add(ref B{l}, {row})" : Float(baked.Biases[row]);
            s.AppendLine($"            var {z} = {f.Broadcast(bias)};");
            for (var c = 0; c < columns; c++)
            {
                var source = input == "h" ? $"h_{c}" : $"{input}_{c}";
                if (baked is null)
                    s.AppendLine($"            {z} = {f.Call("FusedMultiplyAdd", f.Broadcast($"Unsafe.Add(ref W{l}, {row * columns + c})"), source, z)};");
                else
                {
                    var w = baked.Weights[row * columns + c];
                    // As in the double body: a zero weight adds nothing (the bound allows for every column).
                    if (w == 0) continue;
                    s.AppendLine($"            {z} = {f.Call("FusedMultiplyAdd", f.Broadcast(Float(w)), source, z)};");
                }
            }
            return z;
        }

        /// <summary>A double weight rounded to float, as ScreeningBounds.ToFloats rounds it (the compiler folds the cast).</summary>
        public static string Float(double value) => $"(float){KernelEmitter.Literal(value)}";
    }
}
