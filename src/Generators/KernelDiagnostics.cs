using Microsoft.CodeAnalysis;

namespace Regions.Generators
{
    internal static class KernelDiagnostics
    {
        private const string Category = "Regions.Kernels";

        public static readonly DiagnosticDescriptor NotPartial = new DiagnosticDescriptor(
            "RGK001", "Kernel class must be partial", "Class '{0}' has [RegionsKernel] but is not partial, so no evaluator can be generated into it", Category, DiagnosticSeverity.Error, true);

        public static readonly DiagnosticDescriptor UnsupportedActivation = new DiagnosticDescriptor(
            "RGK002", "Unsupported activation", "Activation '{0}' has no generated kernel; use one of {1} (other networks run on the generic evaluator)", Category, DiagnosticSeverity.Error, true);

        public static readonly DiagnosticDescriptor BadShape = new DiagnosticDescriptor(
            "RGK003", "Invalid kernel shape", "Invalid [RegionsKernel] shape: {0}", Category, DiagnosticSeverity.Error, true);

        public static readonly DiagnosticDescriptor WeightFileMissing = new DiagnosticDescriptor(
            "RGK004", "Weight file not found", "Weight file '{0}' is not among the AdditionalFiles of this project", Category, DiagnosticSeverity.Error, true);

        public static readonly DiagnosticDescriptor WeightFileMismatch = new DiagnosticDescriptor(
            "RGK005", "Weight file does not match the attribute", "Weight file '{0}' does not match the attribute: {1}", Category, DiagnosticSeverity.Error, true);

        public static readonly DiagnosticDescriptor TooLarge = new DiagnosticDescriptor(
            "RGK006", "Kernel too large to unroll", "{0} needs {1} multiply-adds per point, more than the {2} an unrolled kernel takes; '{3}' uses the generic vectorised evaluator", Category, DiagnosticSeverity.Info, true);
    }
}
