namespace Regions.Generators.Emit
{
    /// <summary>linear as emitted; mirrors <c>Regions.Kernel.Model.Units.Linear.Lanes</c>: one state, so no pattern bits, and output z.</summary>
    internal sealed class EmittedLinear : EmittedKind
    {
        public static readonly EmittedLinear Kind = new EmittedLinear();

        private EmittedLinear() : base("linear") { }

        public override int BitsPerUnit(int rank) => 0;

        public override void Write(EmittedUnit unit, Dialect d) => unit.Return(unit.Z);

        public override void WriteFloat(EmittedUnit unit, FloatDialect f) => unit.Return(unit.Z);
    }
}
