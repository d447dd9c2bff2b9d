using System.Collections.Generic;

namespace Regions.Generators.Emit
{
    /// <summary>leaky_relu as emitted; mirrors the lane form of <c>Regions.Kernel.Model.Units.LeakyRelu</c> (OnAboveZero.Lanes&lt;LeakyRelu.Off&gt;): off output slope * z.</summary>
    internal sealed class EmittedLeakyRelu : EmittedOnAboveZero
    {
        public static readonly EmittedLeakyRelu Kind = new EmittedLeakyRelu();

        private EmittedLeakyRelu() : base("leaky_relu") { }

        public override IEnumerable<string> Constants(KernelModel model, Dialect d)
        {
            yield return $"var slope = {d.Broadcast(KernelEmitter.Literal(model.Slope))};";
        }

        protected override string Off(string z, Dialect d) => d.Multiply(z, "slope");

        public override IEnumerable<string> FloatConstants(KernelModel model, FloatDialect f)
        {
            yield return $"var floatSlope = {f.Broadcast(FloatBodyEmitter.Float(model.Slope))};";
        }

        protected override string FloatOff(string z) => $"{z} * floatSlope";
    }
}
