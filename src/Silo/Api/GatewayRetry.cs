namespace Regions.Silo.Api;

/// <summary>A client of the cluster waits a while for a silo to come up rather than failing at start.</summary>
internal static class GatewayRetry
{
    public static Func<Exception, CancellationToken, Task<bool>> WaitForASilo(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        return async (_, cancel) =>
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
            return true;
        };
    }
}
