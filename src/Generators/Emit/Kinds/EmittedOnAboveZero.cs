namespace Regions.Generators.Emit
{
    /// <summary>
    /// The kinds on (1) where z &gt; 0 and off (0) otherwise, as the emitter writes them; mirrors the lane form
    /// <c>Regions.Kernel.Model.Units.OnAboveZero.Lanes&lt;TOff&gt;</c>, each kind giving only its off output.
    /// </summary>
    internal abstract class EmittedOnAboveZero : EmittedKind
    {
        protected EmittedOnAboveZero(string token) : base(token) { }

        public sealed override int BitsPerUnit(int rank) => 1;

        /// <summary>The output where the unit is off: the kind's <c>Off</c> struct in Regions.Kernel.Model.Units.</summary>
        protected abstract string Off(string z, Dialect d);

        /// <summary>The float off output (FloatRules' IFloatOff).</summary>
        protected abstract string FloatOff(string z);

        /// <summary>|z| &gt; e compares two floats exactly, and puts the double pre-activation on z's side of 0.</summary>
        public sealed override void WriteFloat(EmittedUnit unit, FloatDialect f)
        {
            var on = $"on{unit.Id}";
            unit.Line($"var {on} = {f.Call("GreaterThan", unit.Z, "zero")};");
            unit.Line($"{unit.Half} |= {f.MaskBits(on)} & {f.BroadcastBits(1u << unit.HalfShift)};");
            unit.Decide(f.MaskBits(f.Call("GreaterThan", f.Call("Abs", unit.Z), unit.Error(f))));
            unit.Return(f.Call("ConditionalSelect", on, unit.Z, FloatOff(unit.Z)));
        }

        public sealed override void Write(EmittedUnit unit, Dialect d)
        {
            var on = $"on{unit.Id}";
            unit.Line($"var {on} = {d.GreaterThan(unit.Z, "zero")};");
            unit.OrState($"{d.MaskBits(on)} & {d.BroadcastWord(1UL << unit.Shift)}");
            unit.Return(d.Select(on, unit.Z, Off(unit.Z, d)));
        }
    }
}
