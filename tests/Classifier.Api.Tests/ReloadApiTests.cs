using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Classifier.TestSupport;

namespace Classifier.Api.Tests;

[Collection(SmallModelsGroup.Name)]
public sealed class ReloadApiTests(SmallModels models) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string> Label(HttpClient client) =>
        (await Json(await client.PostAsJsonAsync("/predict", new { text = "Пограничники задержали нарушителя" }))).GetProperty("label").GetString()!;

    [Fact]
    public async Task A_new_model_file_is_served_without_a_restart()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, models.TopicModelPath);
        using var client = factory.CreateClient();
        Assert.DoesNotContain("renamed_", await Label(client), StringComparison.Ordinal);

        SmallModels.ReplaceAtomically(models.RelabelledModelPath, factory.ModelPath);
        await Eventually.WaitUntil(async () => (await Label(client)).StartsWith("renamed_", StringComparison.Ordinal), "the new model answers");
        var model = await Json(await client.GetAsync("/model"));
        Assert.Equal(2, model.GetProperty("generation").GetInt64());
        Assert.Equal("renamed", model.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_corrupt_model_file_leaves_the_old_model_serving_and_readiness_degraded()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, models.TopicModelPath);
        using var client = factory.CreateClient();
        var corrupt = _directory.File("corrupt.zip");
        await File.WriteAllBytesAsync(corrupt, (await File.ReadAllBytesAsync(models.RelabelledModelPath))[..1000]);
        SmallModels.ReplaceAtomically(corrupt, factory.ModelPath);

        await Eventually.WaitUntil(async () => (await Json(await client.GetAsync("/health/ready"))).GetProperty("status").GetString() == "Degraded", "readiness reports the failure");
        var ready = await Json(await client.GetAsync("/health/ready"));
        var description = ready.GetProperty("checks")[0].GetProperty("description").GetString()!;
        Assert.Contains("last reload failed", description, StringComparison.Ordinal);
        Assert.DoesNotContain(_directory.Path, description, StringComparison.Ordinal);
        Assert.DoesNotContain("renamed_", await Label(client), StringComparison.Ordinal);
        Assert.False((await Json(await client.GetAsync("/model"))).GetProperty("lastReloadError").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Without_a_model_the_api_starts_answers_503_and_recovers_when_the_file_appears()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, sourceModel: null);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("does not exist", (await Json(ready)).GetProperty("checks")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        var predict = await client.PostAsJsonAsync("/predict", new { text = "текст" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, predict.StatusCode);
        Assert.Equal("application/problem+json", predict.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/model")).StatusCode);

        SmallModels.ReplaceAtomically(models.TopicModelPath, factory.ModelPath);
        await Eventually.WaitUntil(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "the model is loaded");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/predict", new { text = "текст" })).StatusCode);
    }

    [Fact]
    public async Task No_request_fails_while_the_model_is_replaced_twice_under_load()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, models.TopicModelPath);
        using var client = factory.CreateClient();
        using var stop = new CancellationTokenSource();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var text = (await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Seeds, "000_e237da839ca07bef.txt")))[..1500];
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await client.PostAsJsonAsync("/predict", new { text });
                statuses.Add(response.StatusCode);
                await Task.Delay(1);
            }
        })).ToArray();

        async Task<long> Generation() => (await Json(await client.GetAsync("/model"))).GetProperty("generation").GetInt64();
        SmallModels.ReplaceAtomically(models.RelabelledModelPath, factory.ModelPath);
        await Eventually.WaitUntil(async () => await Generation() == 2, "the first swap");
        SmallModels.ReplaceAtomically(models.TopicModelPath, factory.ModelPath);
        await Eventually.WaitUntil(async () => await Generation() == 3, "the second swap");
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(statuses.Count > 20, $"only {statuses.Count} requests were made");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
