using FsCheck.Fluent;
using Regions.Grains.Jobs;
using Regions.Tests.Fuzz;

namespace Regions.Tests.Definitions;

/// <summary>
/// R1 &gt;= R2 &gt;= R4 &gt;= R6 on the fuzzer's random small networks (every activation, maxout too, with planted
/// degeneracies): every region's pattern is realised, linear regions are unions of activation regions,
/// and each linear region has one map. Refusals are answers, but must stay rare.
/// </summary>
public sealed class DefinitionOrderingTests
{
    [Fact]
    public void Patterns_activation_linear_and_affine_counts_are_ordered()
    {
        const int cases = 80;
        var refused = 0;
        var cases2D = Fuzzing.Cases(maxInputs: 2);
        Fuzzing.Check(cases2D, cases, c =>
        {
            var network = c.Build();
            var counts = new long?[4];
            var definitions = new[] { RegionDefinition.Patterns, RegionDefinition.Activation, RegionDefinition.Linear, RegionDefinition.Affine };
            for (var i = 0; i < 4; i++)
            {
                var definition = definitions[i];
                counts[i] = Fuzzing.ExactOrRefused(() => DefinitionCounts.Count(network, c.Box, definition, cells: 1 + c.Seed % 3));
            }
            if (counts.Any(n => n is null))
            {
                Interlocked.Increment(ref refused);
                return;
            }
            Assert.True(counts[0] >= counts[1] && counts[1] >= counts[2] && counts[2] >= counts[3] && counts[3] >= 1,
                $"R1, R2, R4, R6 = {string.Join(", ", counts)}");
        }, stream: 16);
        Assert.True(refused * 10 <= cases, $"{refused} of {cases} cases refused: the property checked too little");
    }
}
