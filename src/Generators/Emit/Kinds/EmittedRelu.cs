namespace Regions.Generators.Emit
{
    /// <summary>relu as emitted; mirrors the lane form of <c>Regions.Kernel.Model.Units.Relu</c> (OnAboveZero.Lanes&lt;Relu.Off&gt;): off output 0.</summary>
    internal sealed class EmittedRelu : EmittedOnAboveZero
    {
        public static readonly EmittedRelu Kind = new EmittedRelu();

        private EmittedRelu() : base("relu") { }

        protected override string Off(string z, Dialect d) => "zero";

        protected override string FloatOff(string z) => "zero";
    }
}
