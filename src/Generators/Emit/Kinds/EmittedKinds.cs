using System;
using System.Collections.Generic;
using System.Linq;

namespace Regions.Generators.Emit
{
    /// <summary>The registry of the kinds the kernels are emitted for, by their token in the network format.</summary>
    internal static class EmittedKinds
    {
        public static readonly IReadOnlyList<EmittedKind> All = new EmittedKind[]
        {
            EmittedLinear.Kind, EmittedRelu.Kind, EmittedLeakyRelu.Kind, EmittedAbs.Kind, EmittedHardTanh.Kind, EmittedMaxout.Kind,
        };

        public static IReadOnlyList<string> Tokens { get; } = All.Select(k => k.Token).ToArray();

        public static EmittedKind Of(string token) =>
            All.FirstOrDefault(k => k.Token == token) ?? throw new ArgumentException($"no kernel for activation '{token}'", nameof(token));
    }
}
