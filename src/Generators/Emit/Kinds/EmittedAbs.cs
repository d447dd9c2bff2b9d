namespace Regions.Generators.Emit
{
    /// <summary>abs as emitted; mirrors the lane form of <c>Regions.Kernel.Model.Units.Abs</c> (OnAboveZero.Lanes&lt;Abs.Off&gt;): off output -z.</summary>
    internal sealed class EmittedAbs : EmittedOnAboveZero
    {
        public static readonly EmittedAbs Kind = new EmittedAbs();

        private EmittedAbs() : base("abs") { }

        protected override string Off(string z, Dialect d) => d.Negate(z);

        protected override string FloatOff(string z) => $"-{z}";
    }
}
