using Microsoft.CodeAnalysis;

namespace Regions.Generators
{
    internal static class KernelDiagnostics
    {
        private const string Category = "Regions.Kernels";

        private static DiagnosticDescriptor Descriptor(string id, string title, string message, DiagnosticSeverity severity) =>
            new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NotPartial = Descriptor("RGK001", "Kernel class must be partial", "Class '{0}' has [RegionsKernel] but is not partial, so no evaluator can be generated into it", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor UnsupportedActivation = Descriptor("RGK002", "Unsupported activation", "Activation '{0}' has no generated kernel; use one of {1} (other networks run on the generic evaluator)", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor BadShape = Descriptor("RGK003", "Invalid kernel shape", "Invalid [RegionsKernel] shape: {0}", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor WeightFileMissing = Descriptor("RGK004", "Weight file not found", "Weight file '{0}' is not among the AdditionalFiles of this project", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor WeightFileMismatch = Descriptor("RGK005", "Weight file does not match the attribute", "Weight file '{0}' does not match the attribute: {1}", DiagnosticSeverity.Error);

        public static readonly DiagnosticDescriptor TooLarge = Descriptor("RGK006", "Kernel too large to unroll", "{0} needs {1} multiply-adds per point, more than the {2} an unrolled kernel takes; '{3}' uses the generic vectorised evaluator", DiagnosticSeverity.Info);
    }
}
