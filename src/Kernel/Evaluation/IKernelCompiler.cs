using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// Compiles unrolled kernels for architectures known only at run time. The core carries no compiler (no Roslyn
/// in every silo's compute path); a host that wants one registers it with <see cref="EvaluatorFactory.RuntimeCompiler"/>.
/// </summary>
public interface IKernelCompiler
{
    /// <summary>The kernel for this network's architecture (compiled once per architecture), or null when the network has no kernel shape.</summary>
    CompiledKernel? For(Network network);
}

/// <summary>A kernel type compiled at run time and what compiling it cost.</summary>
public sealed record CompiledKernel(Type Type, TimeSpan CompileTime, long MultiplyAdds)
{
    public IPatternEvaluator Create(Network network, EvaluatorPrecision precision = EvaluatorPrecision.FloatScreened) =>
        (IPatternEvaluator)Activator.CreateInstance(Type, network, precision)!;
}
