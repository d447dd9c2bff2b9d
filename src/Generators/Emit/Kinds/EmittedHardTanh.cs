using System.Collections.Generic;

namespace Regions.Generators.Emit
{
    /// <summary>
    /// hardtanh as emitted; mirrors the lane form <c>Regions.Kernel.Model.Units.HardTanh.Lanes</c>: low (0) where
    /// z &lt; -1 with output -1, high (2) where z &gt; 1 with output 1, else mid (1) with output z, in two bits.
    /// </summary>
    internal sealed class EmittedHardTanh : EmittedKind
    {
        public static readonly EmittedHardTanh Kind = new EmittedHardTanh();

        private EmittedHardTanh() : base("hardtanh") { }

        public override int BitsPerUnit(int rank) => 2;

        public override IEnumerable<string> Constants(KernelModel model, Dialect d)
        {
            yield return $"var one = {d.Broadcast("1.0")};";
            yield return $"var minusOne = {d.Broadcast("-1.0")};";
        }

        public override IEnumerable<string> FloatConstants(KernelModel model, FloatDialect f)
        {
            yield return $"var floatOne = {f.Lanes}.One;";
            yield return $"var floatMinusOne = -{f.Lanes}.One;";
        }

        /// <summary>|fl(|z| - 1)| &gt; e implies ||z| - 1| &gt; e (rounding is monotone): the double z is on z's side of -1 and of 1.</summary>
        public override void WriteFloat(EmittedUnit unit, FloatDialect f)
        {
            var (below, above) = ($"below{unit.Id}", $"above{unit.Id}");
            unit.Line($"var {below} = {f.Call("LessThan", unit.Z, "floatMinusOne")};");
            unit.Line($"var {above} = {f.Call("GreaterThan", unit.Z, "floatOne")};");
            // Two-bit states sit at even shifts, so they never straddle the halves.
            unit.Line($"{unit.Half} |= {f.Call("ConditionalSelect", f.MaskBits(below), $"{f.Bits}.Zero", f.Call("ConditionalSelect", f.MaskBits(above), f.BroadcastBits(2u << unit.HalfShift), f.BroadcastBits(1u << unit.HalfShift)))};");
            unit.Decide(f.MaskBits(f.Call("GreaterThan", f.Call("Abs", $"{f.Call("Abs", unit.Z)} - floatOne"), unit.Error(f))));
            unit.Return(f.Call("ConditionalSelect", below, "floatMinusOne", f.Call("ConditionalSelect", above, "floatOne", unit.Z)));
        }

        public override void Write(EmittedUnit unit, Dialect d)
        {
            var (below, above) = ($"below{unit.Id}", $"above{unit.Id}");
            unit.Line($"var {below} = {d.LessThan(unit.Z, "minusOne")};");
            unit.Line($"var {above} = {d.GreaterThan(unit.Z, "one")};");
            unit.OrState(d.Select(d.MaskBits(below), d.WordZero, d.Select(d.MaskBits(above), d.BroadcastWord(2UL << unit.Shift), d.BroadcastWord(1UL << unit.Shift))));
            unit.Return(d.Select(below, "minusOne", d.Select(above, "one", unit.Z)));
        }
    }
}
