namespace Regions.Tests.Support;

public sealed class AllocationsTests
{
    [Fact]
    public void A_step_that_allocates_every_call_is_seen_in_every_round()
    {
        object? kept = null;
        Assert.True(Allocations.FewestPerRound(() => kept = new byte[16]) >= 200 * 16);
        Assert.NotNull(kept);
    }
}
