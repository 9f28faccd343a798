namespace Classifier.TestSupport;

/// <summary>Waits for something that happens in the background (a file event, a reload), with a bound.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task WaitUntil(Func<bool> condition, string what) => WaitUntil(() => Task.FromResult(condition()), what);

    public static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + DefaultTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        if (!await condition())
        {
            throw new TimeoutException($"Timed out after {DefaultTimeout.TotalSeconds:0} s waiting until {what}.");
        }
    }
}
