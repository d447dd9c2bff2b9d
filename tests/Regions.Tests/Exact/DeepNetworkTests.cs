using Regions.Kernel;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Tests.Exact;

/// <summary>Depth costs heap, not call stack (issue 11, item 3): 20,000 layers on a thread with a 256 KB stack.</summary>
public sealed class DeepNetworkTests
{
    private static Network Deep(int layers, double[] weights)
    {
        var list = Enumerable.Range(0, layers).Select(_ => new Layer(Activation.Relu, 2, 2, weights, [0.01, -0.02])).ToList();
        list.Add(new Layer(Activation.Linear, 1, 2, [1, 1], [0]));
        return new Network(2, list);
    }

    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = e; }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null) throw failure;
        return result;
    }

    [Fact]
    public void Twenty_thousand_layers_are_enumerated_and_agree_with_sampling()
    {
        // A contraction: values stay in range, and after the first layers every region repeats the same states.
        var network = Deep(20_000, [0.6, 0.3, 0.2, -0.7]);
        var box = Box.Cube(2, -1, 1);
        var exact = OnSmallStack(() => ExactTestSupport.Exact(network, box, cells: 2));
        // A contraction's regions are few and wide, so a few thousand points see every one of them.
        var sampled = OnSmallStack(() => ExactTestSupport.Sample(network, box, 4_000, cells: 4));
        Assert.Equal(exact, sampled);
    }

    [Fact]
    public void A_deep_network_whose_values_overflow_is_refused_by_both_methods()
    {
        var network = Deep(20_000, [1.0, 0.5, 0.3, -1.0]);
        var box = Box.Cube(2, -1, 1);
        var exact = Assert.Throws<InvalidRequestException>(() => OnSmallStack(() => ExactTestSupport.Exact(network, box)));
        // The values overflow, or before that their rounding outgrows them: either way the unit is named.
        Assert.Matches("^layer [0-9]+ unit [0-9]+: .*double (range|precision)", exact.Message);
        var sample = Assert.Throws<InvalidRequestException>(() => ExactTestSupport.Sample(network, box, 1000));
        Assert.Contains("beyond the double range", sample.Message);
    }
}
