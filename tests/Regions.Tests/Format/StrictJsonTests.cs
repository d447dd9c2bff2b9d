using System.Text;
using Regions.Kernel.Format;

namespace Regions.Tests.Format;

/// <summary>JSON that System.Text.Json would read in silence (a repeated key) or fail on late (invalid UTF-8) is refused up front.</summary>
public class StrictJsonTests
{
    private const string Layer = """{"activation":"relu","weights":[[1]],"biases":[0]}""";

    private static NetworkFormatException Refused(byte[] json) => Assert.Throws<NetworkFormatException>(() => NetworkReader.Parse(json));

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    [Theory]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"inputs":2,"layers":[LAYER]}""", "$", "inputs")]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"layers":[LAYER,{"activation":"linear","weights":[[1]],"biases":[0],"biases":[5]}]}""", "layers[1]", "biases")]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"layers":[LAYER],"meta":{"domain":{"lower":[0],"upper":[1],"lower":[-1]}}}""", "meta.domain", "lower")]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"layers":[LAYER],"meta":{"notes":[{"a":1},{"a":1,"b":2,"a":3}]}}""", "meta.notes[1]", "a")]
    public void A_repeated_key_is_refused_naming_the_key_and_its_object(string json, string path, string key)
    {
        var error = Refused(Bytes(json.Replace("LAYER", Layer)));
        Assert.Equal(path, error.JsonPath);
        Assert.Equal($"duplicate key \"{key}\" (each key may appear once in an object)", error.Problem);
    }

    [Fact]
    public void The_same_key_in_different_objects_is_fine()
    {
        var json = """{"format":"pwl-network/1","inputs":1,"layers":[LAYER,LAYER],"meta":{"a":{"a":1},"b":[{"a":2},{"a":3}]}}""";
        var network = NetworkReader.Parse(json.Replace("LAYER", Layer));
        Assert.Equal(2, network.Layers.Count);
    }

    [Theory]
    [InlineData("name", new byte[] { 0xFF })]
    [InlineData("name", new byte[] { 0xC3 })]
    [InlineData("meta.note", new byte[] { 0xED, 0xA0, 0x80 })]
    public void Invalid_utf8_inside_a_string_is_refused_naming_the_string(string path, byte[] bad)
    {
        var field = path == "name" ? "\"name\":\"a" : "\"meta\":{\"note\":\"a";
        var close = path == "name" ? "\"" : "\"}";
        var json = Bytes($$"""{"format":"pwl-network/1","inputs":1,"layers":[{{Layer}}],""").Concat(Bytes(field)).Concat(bad).Concat(Bytes(close + "}")).ToArray();
        var error = Refused(json);
        Assert.Equal(path, error.JsonPath);
        Assert.Contains("not valid UTF-8", error.Problem);
    }

    [Fact]
    public void Invalid_utf8_in_a_key_and_an_unpaired_surrogate_escape_are_refused()
    {
        var key = Bytes("""{"format":"pwl-network/1","inputs":1,"layers":[],"meta":{"k""").Concat(new byte[] { 0xFE }).Concat(Bytes("\":1}}")).ToArray();
        var inKey = Refused(key);
        Assert.Equal("meta", inKey.JsonPath);
        Assert.Contains("not valid UTF-8", inKey.Problem);
        var rootKey = Refused(Bytes("{\"f").Concat(new byte[] { 0xFE }).Concat(Bytes("\":1}")).ToArray());
        Assert.Equal("$", rootKey.JsonPath);
        var surrogate = Refused(Bytes($$"""{"format":"pwl-network/1","inputs":1,"layers":[{{Layer}}],"name":"\ud800"}"""));
        Assert.Equal("name", surrogate.JsonPath);
    }

    [Fact]
    public void Nesting_is_walked_without_recursion_and_bounded_by_the_depth_limit()
    {
        // 100,000 levels would overflow any recursive reader; here it is a clear refusal.
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var error = Assert.Throws<StrictJsonException>(() => StrictJson.Check(Bytes(deep)));
        Assert.Contains("depth", error.Message);
        StrictJson.Check(Bytes(new string('[', 64) + new string(']', 64)));
    }
}
