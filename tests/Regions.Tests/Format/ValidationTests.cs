using Regions.Kernel.Format;

namespace Regions.Tests.Format;

/// <summary>Every rejected document names the JSON path of its first problem.</summary>
public class ValidationTests
{
    private static string Doc(string layers, string inputs = "2", string extra = "") =>
        $$"""{"format":"pwl-network/1","inputs":{{inputs}},"layers":[{{layers}}]{{extra}}}""";

    private const string Good = """{"activation":"relu","weights":[[1,2],[3,4]],"biases":[0,0]}""";

    [Theory]
    [InlineData("""{"activation":"relu","weights":[[1,2],[3,4,5]],"biases":[0,0]}""", "layers[0].weights[1]: 3 columns, expected 2")]
    [InlineData("""{"activation":"relu","weights":[[1,2],[3,4]],"biases":[0]}""", "layers[0].biases: 1 biases, expected 2 (one per row)")]
    [InlineData("""{"activation":"relu","weights":[[1,2],[3,"NaN"]],"biases":[0,0]}""", "layers[0].weights[1][1]: expected a finite number, found the string \"NaN\"")]
    [InlineData("""{"activation":"relu","weights":[[1,2],[3,1e999]],"biases":[0,0]}""", "layers[0].weights[1][1]")]
    [InlineData("""{"activation":"swish","weights":[[1,2]],"biases":[0]}""", "layers[0].activation: 'swish' is not one of")]
    [InlineData("""{"activation":"maxout","weights":[[1,2],[3,4]],"biases":[0,0]}""", "layers[0].rank: missing")]
    [InlineData("""{"activation":"maxout","rank":3,"weights":[[1,2],[3,4]],"biases":[0,0]}""", "layers[0].weights: 2 rows are not a multiple of rank 3")]
    [InlineData("""{"activation":"maxout","rank":1,"weights":[[1,2]],"biases":[0]}""", "layers[0].rank: 1 is outside [2, 65536]")]
    [InlineData("""{"activation":"relu","rank":2,"weights":[[1,2]],"biases":[0]}""", "layers[0].rank: only maxout layers have a rank")]
    [InlineData("""{"activation":"leaky_relu","weights":[[1,2]],"biases":[0]}""", "layers[0].slope: missing")]
    [InlineData("""{"activation":"leaky_relu","slope":1,"weights":[[1,2]],"biases":[0]}""", "layers[0].slope: 1 is outside [0, 1)")]
    [InlineData("""{"activation":"relu","weights":[],"biases":[]}""", "layers[0].weights: at least one row is needed")]
    [InlineData("""{"activation":"relu","weights":[[1,2]],"biases":[0],"bias":[1]}""", "layers[0].bias: unknown field")]
    [InlineData("""[1]""", "layers[0]: expected an object")]
    public void A_bad_layer_is_named_by_its_path(string layer, string expected)
    {
        var error = Assert.Throws<NetworkFormatException>(() => NetworkReader.Parse(Doc(layer)));
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void The_second_layer_must_match_the_first_layers_width()
    {
        var second = """{"activation":"linear","weights":[[1,2,3]],"biases":[0]}""";
        var error = Assert.Throws<NetworkFormatException>(() => NetworkReader.Parse(Doc(Good + "," + second)));
        Assert.Equal("layers[1].weights[0]: 3 columns, expected 2", error.Message);
    }

    [Fact]
    public void A_maxout_layer_narrows_the_next_layers_input()
    {
        var maxout = """{"activation":"maxout","rank":2,"weights":[[1,2],[3,4],[5,6],[7,8]],"biases":[0,0,0,0]}""";
        var next = """{"activation":"linear","weights":[[1,2,3,4]],"biases":[0]}""";
        var error = Assert.Throws<NetworkFormatException>(() => NetworkReader.Parse(Doc(maxout + "," + next)));
        Assert.Equal("layers[1].weights[0]: 4 columns, expected 2", error.Message);
    }

    [Theory]
    [InlineData("""{"format":"pwl-network/3","inputs":1,"layers":[]}""", "format: 'pwl-network/3' is not supported")]
    [InlineData("""{"inputs":1,"layers":[]}""", "format: missing")]
    [InlineData("""{"format":"pwl-network/1","inputs":0,"layers":[]}""", "inputs: 0 is outside")]
    [InlineData("""{"format":"pwl-network/1","inputs":1.5,"layers":[]}""", "inputs: expected an integer")]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"layers":[]}""", "layers: at least one layer is needed")]
    [InlineData("""{"format":"pwl-network/1","inputs":1}""", "layers: missing")]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"layers":{}}""", "layers: expected an array")]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"layers":[{"activation":"relu","weights":[[1]],"biases":[0]}],"meta":3}""", "meta: expected an object")]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"layers":[{"activation":"relu","weights":[[1]],"biases":[0]}],"extra":3}""", "extra: unknown field")]
    [InlineData("""[]""", "$: expected a JSON object")]
    [InlineData("""{"format": """, "not valid JSON")]
    public void A_bad_document_is_named_by_its_path(string json, string expected)
    {
        var error = Assert.Throws<NetworkFormatException>(() => NetworkReader.Parse(json));
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_format_error_not_a_crash()
    {
        var error = Assert.Throws<NetworkFormatException>(() => NetworkReader.Load("/nonexistent/net.json"));
        Assert.Contains("does not exist", error.Message);
    }
}
