using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Classifier.Core.Data;
using Classifier.TestSupport;

namespace Classifier.Api.Tests;

[Collection(SmallModelsGroup.Name)]
public sealed class PredictionApiTests(SmallModels models) : IDisposable
{
    private static readonly string[] Topics = ["afghanistan", "border_security", "diplomacy", "terrorism"];
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private ClassifierApiFactory Factory(IDictionary<string, string?>? settings = null) => ClassifierApiFactory.Serving(_directory, models.TopicModelPath, settings);

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static void AssertPrediction(JsonElement body, IReadOnlyCollection<string> labels)
    {
        var scores = body.GetProperty("scores").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(labels.Order(), scores.Keys.Order());
        Assert.Equal(1.0, scores.Values.Sum(), 6);
        var label = body.GetProperty("label").GetString()!;

        // The answer is the best topic, or the off-topic label when the off-topic threshold says so, which can
        // happen while a topic has the highest score (the threshold, not the arg-max, decides 'other').
        var bestTopic = scores.Where(s => s.Key != "other").MaxBy(s => s.Value).Key;
        Assert.True(label == bestTopic || label == "other", $"answered {label}, best topic {bestTopic}");
        Assert.Equal(scores[label], body.GetProperty("confidence").GetDouble(), 10);
        Assert.Equal(label, body.GetProperty("topics")[0].GetProperty("label").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("model").GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Predict_with_json_returns_the_label_and_every_topic_score()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/predict", new { text = "Пограничники задержали нарушителя на участке границы" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        AssertPrediction(body, Topics);
        Assert.Equal("topics", body.GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Predict_accepts_plain_text_and_gives_the_same_answer_as_json()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Seeds, "003_9f8d9dd6c00a8750.txt"));
        var plain = await Json(await client.PostAsync("/predict", new StringContent(text, Encoding.UTF8, "text/plain")));
        var json = await Json(await client.PostAsJsonAsync("/predict", new { text }));
        AssertPrediction(plain, Topics);
        Assert.Equal(json.GetProperty("scores").ToString(), plain.GetProperty("scores").ToString());
    }

    [Fact]
    public async Task Every_seed_article_is_classified()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        foreach (var seed in LabelledDataReader.Read(RepositoryPaths.SeedLabels).Articles)
        {
            var response = await client.PostAsync("/predict", new StringContent(seed.Text, Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertPrediction(await Json(response), Topics);
        }
    }

    [Fact]
    public async Task Batch_results_come_in_input_order()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var texts = TestCorpus.TestSample(3).Select(a => a.Text).ToArray();
        var response = await client.PostAsJsonAsync("/predict/batch", new { texts });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await Json(response)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(texts.Length, results.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = await Json(await client.PostAsJsonAsync("/predict", new { text = texts[i] }));
            Assert.Equal(single.GetProperty("scores").ToString(), results[i].GetProperty("scores").ToString());
        }
    }

    [Fact]
    public async Task Model_endpoint_describes_the_serving_model()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var body = await Json(await client.GetAsync("/model"));
        Assert.Equal("topics", body.GetProperty("name").GetString());
        Assert.Equal(1, body.GetProperty("generation").GetInt64());
        Assert.Equal("topic-model.zip", body.GetProperty("file").GetString());
        Assert.Equal(Topics, body.GetProperty("metadata").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.True(body.GetProperty("loadedAtUtc").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", (await Json(ready)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_and_its_page_are_served()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var document = await Json(await client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/predict", out _));
        Assert.True(paths.TryGetProperty("/predict/batch", out _));
        Assert.True(paths.TryGetProperty("/model", out _));
        var page = await client.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_returns_each_topic_s_terms_with_offsets_into_the_text()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        const string text = "Пограничники задержали нарушителя на заставе. Talks with the Taliban in Kabul.";
        var body = await Json(await client.PostAsJsonAsync("/predict", new { text, explain = true }));
        AssertPrediction(body, Topics);
        var explanation = body.GetProperty("explanation").EnumerateArray().ToList();
        Assert.Equal(Topics.Order(), explanation.Select(e => e.GetProperty("label").GetString()).Order());
        Assert.Equal(body.GetProperty("label").GetString(), explanation[0].GetProperty("label").GetString());
        var terms = explanation.SelectMany(e => e.GetProperty("up").EnumerateArray().Concat(e.GetProperty("down").EnumerateArray())).ToList();
        Assert.NotEmpty(terms);
        foreach (var term in terms)
        {
            var offset = term.GetProperty("offsets")[0];
            Assert.Equal(term.GetProperty("term").GetString(), text.Substring(offset[0].GetInt32(), offset[1].GetInt32()));
        }

        var plain = await Json(await client.PostAsync("/predict?explain=true", new StringContent(text, Encoding.UTF8, "text/plain")));
        Assert.Equal(explanation.Count, plain.GetProperty("explanation").GetArrayLength());
        var without = await Json(await client.PostAsJsonAsync("/predict", new { text }));
        Assert.False(without.TryGetProperty("explanation", out _));
    }

    [Fact]
    public async Task A_configured_off_topic_threshold_of_zero_answers_other_for_every_article()
    {
        await using var factory = Factory(new Dictionary<string, string?> { ["Classifier:OffTopicThreshold"] = "0" });
        using var client = factory.CreateClient();
        var body = await Json(await client.PostAsJsonAsync("/predict", new { text = "Пограничники задержали нарушителя на участке границы" }));
        Assert.Equal("other", body.GetProperty("label").GetString());
        var scores = body.GetProperty("scores").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(Topics, scores.Keys.Order());
        Assert.Equal(1 - scores.Values.Max(), body.GetProperty("confidence").GetDouble(), 10);
        Assert.Equal("other", body.GetProperty("topics")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_configured_topic_threshold_of_zero_lists_every_topic()
    {
        await using var factory = Factory(new Dictionary<string, string?> { ["Classifier:TopicThreshold"] = "0" });
        using var client = factory.CreateClient();
        var body = await Json(await client.PostAsJsonAsync("/predict", new { text = "Талибы, граница и терроризм обсуждались на встрече министров" }));
        var topics = body.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("label").GetString()).ToList();
        Assert.Equal(body.GetProperty("label").GetString(), topics[0]);
        Assert.Equal(Topics, topics.Order());
        Assert.All(body.GetProperty("topics").EnumerateArray(), t => Assert.InRange(t.GetProperty("probability").GetDouble(), 0, 1));
    }

    [Fact]
    public async Task A_model_with_the_off_topic_class_serves_its_calibration_and_policy()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, models.OffTopicModelPath);
        using var client = factory.CreateClient();
        var model = await Json(await client.GetAsync("/model"));
        Assert.Equal("other", model.GetProperty("answers").GetProperty("otherLabel").GetString());
        Assert.Equal(0.3, model.GetProperty("answers").GetProperty("topicThreshold").GetDouble());
        Assert.Equal("temperature", model.GetProperty("calibration").GetProperty("method").GetString());
        Assert.NotEqual(1.0, model.GetProperty("calibration").GetProperty("temperature").GetDouble());

        var body = await Json(await client.PostAsJsonAsync("/predict", new { text = TestCorpus.TestSample(1, offTopic: true).First(a => a.Label == "other").Text }));
        AssertPrediction(body, [.. Topics, "other"]);
        Assert.DoesNotContain("other", body.GetProperty("topics").EnumerateArray().Skip(1).Select(t => t.GetProperty("label").GetString()));
    }

    [Theory]
    [InlineData("Classifier:TopicThreshold", "1.5")]
    [InlineData("Classifier:OffTopicThreshold", "-1")]
    public async Task A_threshold_outside_zero_to_one_stops_the_service_at_start(string key, string value)
    {
        await using var factory = Factory(new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains(key.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }
}
