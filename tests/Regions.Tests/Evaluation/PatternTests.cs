using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Evaluation;

public class PatternTests
{
    [Fact]
    public void Bits_per_unit_follow_the_activation()
    {
        Assert.Equal(1, new Layer(Activation.Relu, 1, 1, [1], [0]).BitsPerUnit);
        Assert.Equal(2, new Layer(Activation.HardTanh, 1, 1, [1], [0]).BitsPerUnit);
        Assert.Equal(0, new Layer(Activation.Linear, 1, 1, [1], [0]).BitsPerUnit);
        Assert.Equal(2, new Layer(Activation.Maxout, 3, 1, [1, 2, 3], [0, 0, 0], rank: 3).BitsPerUnit);
        Assert.Equal(2, new Layer(Activation.Maxout, 4, 1, [1, 2, 3, 4], [0, 0, 0, 0], rank: 4).BitsPerUnit);
        Assert.Equal(3, new Layer(Activation.Maxout, 5, 1, [1, 2, 3, 4, 5], new double[5], rank: 5).BitsPerUnit);
    }

    [Fact]
    public void Units_never_straddle_words()
    {
        // 21 rank-8 maxout units take 3 bits each: 21 fit one word (63 bits), the 22nd starts word 1.
        var network = TestNetworks.Random(1, 2, [22], Activation.Maxout, rank: 8);
        Assert.Equal(2, network.Layout.Words);
        Assert.Equal((0, 60), network.Layout.Slots[20]);
        Assert.Equal((1, 0), network.Layout.Slots[21]);
    }

    [Fact]
    public void States_follow_the_spec()
    {
        // relu(x) on for x > 0; hardtanh(x): 0 below -1, 1 in [-1,1], 2 above 1; maxout(x, -x, 0) argmax with lowest index on ties.
        var relu = new Layer(Activation.Relu, 1, 1, [1], [0]);
        var tanh = new Layer(Activation.HardTanh, 1, 1, [1], [0]);
        var maxout = new Layer(Activation.Maxout, 3, 1, [1, -1, 0], [0, 0, 0], rank: 3);
        (double X, int Relu, int Tanh, int Maxout)[] cases = [(-2, 0, 0, 1), (-1, 0, 1, 1), (0, 0, 1, 0), (0.5, 1, 1, 0), (1, 1, 1, 0), (3, 1, 2, 0)];
        foreach (var (x, r, t, m) in cases)
        {
            Assert.Equal(r, State(relu, x));
            Assert.Equal(t, State(tanh, x));
            Assert.Equal(m, State(maxout, x));
        }
    }

    private static int State(Layer layer, double x)
    {
        var network = new Network(1, [layer]);
        return network.Layout.State(new Interpreter(network).Pattern([x]), 0, 0);
    }

    [Fact]
    public void Small_patterns_are_their_own_fingerprint()
    {
        Assert.Equal(new UInt128(7, 5), Fingerprint.Of([5UL, 7UL]));
        Assert.Equal(new UInt128(0, 5), Fingerprint.Of([5UL]));
    }

    [Fact]
    public void A_pattern_of_at_most_128_bits_in_three_words_is_hashed_whole()
    {
        // 25 maxout units of rank 32 take 5 bits each, 12 to a word: 125 bits over three words.
        var rows = 25 * 32;
        var network = new Network(1, [new Layer(Activation.Maxout, rows, 1, new double[rows], new double[rows], 32)]);
        Assert.Equal(3, network.Layout.Words);
        Assert.Equal(125, network.Layout.TotalBits);
        Assert.NotEqual(Fingerprint.Of([1UL, 2UL, 3UL]), Fingerprint.Of([1UL, 2UL, 4UL]));
    }

    [Fact]
    public void Long_patterns_hash_without_collisions_on_a_million_near_identical_inputs()
    {
        var seen = new HashSet<UInt128>();
        var words = new ulong[3];
        for (var i = 0; i < 1_000_000; i++)
        {
            // Patterns differing in one or two bits are the realistic neighbours.
            words[0] = (ulong)i;
            words[1] = (ulong)(i % 7) << 40;
            words[2] = 1;
            Assert.True(seen.Add(Fingerprint.Of(words)));
        }
    }

    [Fact]
    public void Hash_depends_on_every_word_and_the_length()
    {
        var a = Fingerprint.Hash([1, 2, 3]);
        Assert.NotEqual(a, Fingerprint.Hash([1, 2, 4]));
        Assert.NotEqual(a, Fingerprint.Hash([0, 2, 3]));
        Assert.NotEqual(Fingerprint.Hash([0, 0]), Fingerprint.Hash([0, 0, 0]));
        Assert.Equal(a, Fingerprint.Hash([1, 2, 3]));
    }
}
