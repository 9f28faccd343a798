using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Classifier.TestSupport;

namespace Classifier.Api.Tests;

[Collection(SmallModelsGroup.Name)]
public sealed class RateLimitTests(SmallModels models) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_client_over_the_configured_limit_gets_429_problem_details()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, models.TopicModelPath, new Dictionary<string, string?>
        {
            ["RateLimiting:BurstLimit"] = "3",
            ["RateLimiting:PermitsPerSecond"] = "1",
        });
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/predict", new { text = "текст" })).StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var limited = await client.PostAsJsonAsync("/predict", new { text = "текст" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_limiter_is_on_by_default_with_a_generous_limit()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, models.TopicModelPath);
        using var client = factory.CreateClient();
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/predict", new { text = "текст" })).StatusCode);
        }

        var options = factory.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<Classifier.Api.Hosting.RateLimitingOptions>))
            as Microsoft.Extensions.Options.IOptions<Classifier.Api.Hosting.RateLimitingOptions>;
        Assert.True(options!.Value.Enabled);
    }
}
