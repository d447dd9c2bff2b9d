using Regions.Kernel.Evaluation;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;

namespace Regions.Tests.Definitions;

/// <summary>
/// The example f(x, y) = max(-y, min(0, -x)) of Stargalla, Hertrich and Reichman (NeurIPS 2025), written as a relu
/// network in our format, counted under every notion we support. Their paper's text was not at hand (only its
/// abstract), so the counts below are derived by hand for this network on the box [-1, 1]^2:
/// <code>
/// layer 1: a = relu(x), p = relu(y), q = relu(-y)          (lines x = 0 and y = 0, the latter twice, opposite ways)
/// layer 2: s = relu(a - p + q) = relu(relu(x) - y), t = relu(a) = a
/// output:  s - t = max(-y, -relu(x)) = max(-y, min(0, -x))
/// Full-dimensional regions, pattern (a p q s t) and map:
///   x &lt; 0, y &gt; 0:           01000   0
///   x &lt; 0, y &lt; 0:           00110   -y
///   x &gt; 0, y &lt; 0:           10111   -y
///   x &gt; 0, 0 &lt; y &lt; x:       11011   -y      (s splits the first quadrant along y = x)
///   x &gt; 0, y &gt; x:           11001   -x
/// R2 = 5. The three -y regions touch along x = 0 (y &lt; 0) and y = 0 (x &gt; 0): one connected piece, so R4 = 3
/// (-y, 0, -x), and the three maps are distinct: R6 = 3 (the -y piece is not convex, which is what the example shows).
/// Lower-dimensional sets (a unit on its boundary is off, z &gt; 0 being on):
///   x = 0, y &gt; 0: 01000 (seen); x = 0, y &lt; 0: 00110 (seen); y = x &gt; 0: 11001 (seen);
///   y = 0, x &lt; 0, and the origin: 00000 (new); y = 0, x &gt; 0: 10011 (new: p and q both off, s and t on).
/// R1 = 5 + 2 = 7.
/// </code>
/// </summary>
public sealed class StargallaExampleTests
{
    private const string Json = """
        {
          "format": "pwl-network/1",
          "inputs": 2,
          "name": "max(-y, min(0, -x))",
          "layers": [
            { "activation": "relu", "weights": [[1, 0], [0, 1], [0, -1]], "biases": [0, 0, 0] },
            { "activation": "relu", "weights": [[1, -1, 1], [1, 0, 0]], "biases": [0, 0] },
            { "activation": "linear", "weights": [[1, -1]], "biases": [0] }
          ]
        }
        """;

    private static readonly Box Square = Box.Cube(2, -1, 1);

    [Fact]
    public void The_network_computes_the_papers_function()
    {
        var interpreter = new Interpreter(NetworkReader.Parse(Json));
        for (var x = -1.0; x <= 1.0; x += 0.125)
            for (var y = -1.0; y <= 1.0; y += 0.125)
                Assert.Equal(Math.Max(-y, Math.Min(0, -x)), interpreter.Forward([x, y])[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public void Its_counts_are_seven_five_three_three(int cells)
    {
        var network = NetworkReader.Parse(Json);
        Assert.Equal((7L, 5L, 3L, 3L), DefinitionCounts.All(network, Square, cells));
    }
}
