using System.Reflection;
using Regions.Compiler;
using Regions.Drawing;
using Regions.Grains.Jobs;
using Regions.Kernel.Model;
using Regions.Theory.Bounds;

namespace Regions.Tests.Projects;

/// <summary>The project boundaries of docs/architecture.md, as the compiled assemblies show them.</summary>
public sealed class ProjectBoundaryTests
{
    private static readonly Assembly Kernel = typeof(Network).Assembly;
    private static readonly Assembly[] Ours =
        [Kernel, typeof(Architecture).Assembly, typeof(RuntimeKernelCompiler).Assembly, typeof(RegionMap).Assembly, typeof(CountJob).Assembly, typeof(Generators.Emit.KernelEmitter).Assembly];

    private static string[] References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Fact]
    public void The_compute_core_references_no_roslyn_and_none_of_our_other_projects()
    {
        var references = References(Kernel);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Regions.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_grains_reach_roslyn_and_drawing_through_no_reference()
    {
        var references = References(typeof(CountJob).Assembly);
        Assert.DoesNotContain("Regions.Compiler", references);
        Assert.DoesNotContain("Regions.Drawing", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void Theory_and_drawing_build_on_the_core_alone()
    {
        foreach (var assembly in new[] { typeof(Architecture).Assembly, typeof(RegionMap).Assembly })
            Assert.Equal(["Regions.Kernel"], References(assembly).Where(name => name.StartsWith("Regions.", StringComparison.Ordinal)));
    }

    [Fact]
    public void No_type_is_compiled_into_two_of_our_assemblies()
    {
        var names = Ours.SelectMany(assembly => assembly.GetTypes().Where(t => !t.IsNested && t.Namespace?.StartsWith("Regions", StringComparison.Ordinal) == true).Select(t => t.FullName!)).ToArray();
        Assert.Empty(names.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key));
    }
}
