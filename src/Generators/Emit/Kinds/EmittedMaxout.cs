namespace Regions.Generators.Emit
{
    /// <summary>
    /// maxout as emitted; mirrors the lane form <c>Regions.Kernel.Model.Units.Maxout.Lanes</c>: the state is the lowest
    /// index of the largest of the unit's rank rows, the output that row. The index is kept in 64-bit integer lanes,
    /// ready to shift into the pattern word.
    /// </summary>
    internal sealed class EmittedMaxout : EmittedKind
    {
        public static readonly EmittedMaxout Kind = new EmittedMaxout();

        private EmittedMaxout() : base("maxout") { }

        public override int RowsPerUnit(int rank) => rank;

        /// <summary>ceil(log2 rank): enough bits for every index.</summary>
        public override int BitsPerUnit(int rank)
        {
            var bits = 0;
            while ((1 << bits) < rank) bits++;
            return bits;
        }

        public override string Describe(int rank) => $"{Token} rank {rank}";

        /// <summary>
        /// The float winner is the double winner where it beats the runner-up by more than twice the group's largest
        /// error bound; fl(best - second) &gt; 2e implies best - second &gt; 2e, as rounding is monotone.
        /// </summary>
        public override void WriteFloat(EmittedUnit unit, FloatDialect f)
        {
            var (best, second, state) = ($"best{unit.Id}", $"second{unit.Id}", $"index{unit.Id}");
            unit.Line($"var {best} = {unit.Rows[0]};");
            unit.Line($"var {second} = {f.Broadcast("float.NegativeInfinity")};");
            unit.Line($"var {state} = {f.Bits}.Zero;");
            for (var r = 1; r < unit.Rows.Count; r++)
            {
                var candidate = unit.Rows[r];
                unit.Line($"{{ var greater = {f.Call("GreaterThan", candidate, best)}; {second} = {f.Call("ConditionalSelect", "greater", best, f.Call("Max", second, candidate))}; {best} = {f.Call("ConditionalSelect", "greater", candidate, best)}; {state} = {f.Call("ConditionalSelect", f.MaskBits("greater"), f.BroadcastBits((uint)r), state)}; }}");
            }
            unit.OrFloatState(state, BitsPerUnit(unit.Rows.Count), f);
            unit.Decide(f.MaskBits(f.Call("GreaterThan", $"{best} - {second}", f.Broadcast($"2 * {unit.ErrorScalar}"))));
            unit.Return(best);
        }

        public override void Write(EmittedUnit unit, Dialect d)
        {
            var (best, state) = ($"best{unit.Id}", $"index{unit.Id}");
            unit.Line($"var {best} = {unit.Rows[0]};");
            unit.Line($"var {state} = {d.IndexZero};");
            for (var r = 1; r < unit.Rows.Count; r++)
            {
                var candidate = unit.Rows[r];
                // Only a strictly larger row replaces the best: ties go to the lowest index.
                unit.Line($"{{ var greater = {d.GreaterThan(candidate, best)}; {best} = {d.Select("greater", candidate, best)}; {state} = {d.Select(d.IndexMask("greater"), d.BroadcastIndex(r), state)}; }}");
            }
            unit.OrState(d.ShiftIndex(state, unit.Shift));
            unit.Return(best);
        }
    }
}
