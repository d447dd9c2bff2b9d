using FsCheck.Fluent;
using Regions.Grains.Jobs;
using Regions.Kernel.Model;
using Regions.Tests.Exact;

namespace Regions.Tests.Fuzz;

/// <summary>
/// Metamorphic fuzzing of exact counting (issue 11, item 2): random relu, leaky, abs, hardtanh and maxout
/// networks of 1 to 5 inputs, half of them with a planted degeneracy, checked against sampling and against
/// rewrites that keep the function. A property that fails prints its case; keep it in FuzzRegressionTests.
/// </summary>
public sealed class MetamorphicFuzzTests
{
    /// <summary>Refusals ("double precision cannot tell") are answers, but a property that mostly refuses proves nothing.</summary>
    private sealed class Refusals(int cases)
    {
        private int refused;

        public long? Count(Func<long> count)
        {
            var result = Fuzzing.ExactOrRefused(count);
            if (result is null) Interlocked.Increment(ref refused);
            return result;
        }

        /// <summary>The exact count of a rewrite (at the given cells) is the original's, unless either is refused.</summary>
        public void AssertSameCount(FuzzCase c, Network original, Network rewritten, int cells = 1)
        {
            var before = Count(() => ExactTestSupport.Exact(original, c.Box));
            var after = Count(() => ExactTestSupport.Exact(rewritten, c.Box, cells));
            if (before is null || after is null) return;
            Assert.Equal(before, after);
        }

        public void AssertRare() => Assert.True(refused * 10 <= cases, $"{refused} of {cases} cases refused: the property checked too little");
    }

    [Fact]
    public void Every_sampled_pattern_is_an_exact_region()
    {
        const int cases = 300;
        var refusals = new Refusals(cases);
        // Maxout pieces one ulp apart are real hyperplanes the exact method finds, but the evaluators round each
        // piece before comparing them and see noise there: a known limit of sampling, not of exact counting.
        Fuzzing.Check(Fuzzing.Cases().Where(c => c.Degeneracy != Degeneracy.NearDuplicate), cases, c =>
        {
            var network = c.Build();
            HashSet<UInt128>? exact = null;
            if (refusals.Count(() => (exact = ExactTestSupport.ExactFingerprints(network, c.Box)).Count) is null) return;
            var sampled = ExactTestSupport.Sampled(network, c.Box, 4000, (ulong)c.Seed);
            sampled.ExceptWith(exact!);
            Assert.True(sampled.Count == 0, $"{sampled.Count} sampled patterns are not among the {exact!.Count} exact regions");
            // The product's sampler, cell-sharded, is a lower bound of the same count.
            Assert.InRange(ExactTestSupport.Sample(network, c.Box, 4000, cells: 1 + c.Seed % 4), 1, exact!.Count);
        }, stream: 1);
        refusals.AssertRare();
    }

    [Fact]
    public void The_exact_count_does_not_depend_on_the_cells()
    {
        const int cases = 300;
        var refusals = new Refusals(cases);
        Fuzzing.Check(Fuzzing.Cases(), cases, c =>
        {
            var network = c.Build();
            int[] cellCounts = [2, 3, 5, 8, 13];
            refusals.AssertSameCount(c, network, network, cellCounts[c.Seed % cellCounts.Length]);
        }, stream: 2);
        refusals.AssertRare();
    }

    [Fact]
    public void Rescaling_units_by_1e_minus150_to_1e150_keeps_the_count()
    {
        const int cases = 300;
        var refusals = new Refusals(cases);
        // Rescaling rounds every weight, which moves hyperplanes decided by the last ulp (near-duplicates): those
        // networks are no longer the same function at the precision that decides them.
        var withFactors = Fuzzing.Cases().Where(c => c.Degeneracy != Degeneracy.NearDuplicate).SelectMany(_ => Gen.Choose(-150, 150).ArrayOf(64), (c, exponents) => (c, exponents));
        Fuzzing.Check(withFactors, cases, pair =>
        {
            var (c, exponents) = pair;
            var network = c.Build();
            // Factors 10^e (never a power of two, so every product rounds), a different one per unit.
            var scaled = Metamorphic.RescaleUnits(network, (l, u) => Math.Pow(10, exponents[(7 * l + u) % exponents.Length]) * 1.37);
            refusals.AssertSameCount(c, network, scaled, 1 + c.Seed % 3);
        }, stream: 3);
        refusals.AssertRare();
    }

    [Fact]
    public void Permuting_units_keeps_the_count()
    {
        const int cases = 300;
        var refusals = new Refusals(cases);
        var withOrder = Fuzzing.Cases().SelectMany(c =>
        {
            var hidden = c.Build().Layers[0].Units;
            return Gen.Shuffle(Enumerable.Range(0, hidden).ToArray());
        }, (c, order) => (c, order));
        Fuzzing.Check(withOrder, cases, pair =>
        {
            var (c, order) = pair;
            var network = c.Build();
            var permuted = Metamorphic.PermuteUnits(network, 0, order);
            refusals.AssertSameCount(c, network, permuted);
        }, stream: 4);
        refusals.AssertRare();
    }

    [Fact]
    public void A_unit_that_never_changes_state_changes_no_count()
    {
        const int cases = 300;
        var refusals = new Refusals(cases);
        Fuzzing.Check(Fuzzing.Cases(), cases, c =>
        {
            var network = c.Build();
            var layer = c.Seed % c.Depth;
            var extended = Metamorphic.AddConstantUnit(network, layer, weight: 0.75);
            refusals.AssertSameCount(c, network, extended);
        }, stream: 5);
        refusals.AssertRare();
    }

    [Fact]
    public void Linear_regions_are_at_most_activation_regions_and_agree_across_rescaling()
    {
        const int cases = 200;
        var refusals = new Refusals(cases);
        Fuzzing.Check(Fuzzing.Cases(maxInputs: 3), cases, c =>
        {
            var network = c.Build();
            var activation = refusals.Count(() => ExactTestSupport.Exact(network, c.Box));
            var linear = refusals.Count(() => ExactTestSupport.Exact(network, c.Box, 1, RegionDefinition.Linear));
            if (activation is null || linear is null) return;
            Assert.InRange(linear.Value, 1, activation.Value);
            var scaled = Metamorphic.RescaleUnits(network, (l, u) => Math.Pow(10, 40 * (l + 1) - 13 * u) * 1.37);
            var scaledLinear = refusals.Count(() => ExactTestSupport.Exact(scaled, c.Box, 2, RegionDefinition.Linear));
            if (scaledLinear is not null) Assert.Equal(linear, scaledLinear);
        }, stream: 6);
        refusals.AssertRare();
    }
}
