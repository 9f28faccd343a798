using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Classifier.TestSupport;

namespace Classifier.Api.Tests;

[Collection(SmallModelsGroup.Name)]
public sealed class BadInputTests(SmallModels models) : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private ClassifierApiFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = ClassifierApiFactory.Serving(_directory, models.TopicModelPath, new Dictionary<string, string?>
        {
            ["Classifier:MaxTextLength"] = "5000",
            ["Classifier:MaxBatchSize"] = "3",
            ["Classifier:MaxRequestBodyBytes"] = "65536",
        });
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _directory.Dispose();
    }

    private static StringContent Body(string content, string? mediaType)
    {
        var body = new StringContent(content, Encoding.UTF8);
        body.Headers.ContentType = mediaType is null ? null : MediaTypeHeaderValue.Parse(mediaType);
        return body;
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailFragment)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(detailFragment, detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"text\": ", "not the expected JSON")]
    [InlineData("[1, 2", "not the expected JSON")]
    [InlineData("{}", "'text' is missing")]
    [InlineData("{\"text\": null}", "'text' is missing")]
    [InlineData("{\"text\": \"\"}", "empty")]
    [InlineData("{\"text\": \"   \\n\\t \"}", "whitespace")]
    [InlineData("{\"text\": 42}", "not the expected JSON")]
    [InlineData("null", "JSON null")]
    public async Task Bad_json_bodies_get_400_problem_details_saying_what_is_wrong(string body, string detail) =>
        await AssertProblem(await _client.PostAsync("/predict", Body(body, "application/json")), HttpStatusCode.BadRequest, detail);

    [Fact]
    public async Task Whitespace_only_plain_text_gets_400() =>
        await AssertProblem(await _client.PostAsync("/predict", Body("  \n ", "text/plain")), HttpStatusCode.BadRequest, "whitespace");

    [Theory]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_wrong_content_type_gets_415(string? mediaType) =>
        await AssertProblem(await _client.PostAsync("/predict", Body("{\"text\":\"a\"}", mediaType)), HttpStatusCode.UnsupportedMediaType, "application/json");

    [Fact]
    public async Task A_body_over_the_limit_gets_413() =>
        await AssertProblem(await _client.PostAsync("/predict", Body(new string('a', 70_000), "text/plain")), HttpStatusCode.RequestEntityTooLarge, "limit");

    [Fact]
    public async Task A_text_over_the_length_limit_gets_400_with_both_lengths() =>
        await AssertProblem(await _client.PostAsJsonAsync("/predict", new { text = new string('б', 5001) }), HttpStatusCode.BadRequest, "5001 characters; the limit is 5000");

    [Fact]
    public async Task The_longest_text_allowed_is_classified()
    {
        var response = await _client.PostAsJsonAsync("/predict", new { text = string.Concat(Enumerable.Repeat("Шекара бекеті. ", 400))[..5000] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_utf8_gets_400()
    {
        var content = new ByteArrayContent([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await AssertProblem(await _client.PostAsync("/predict", content), HttpStatusCode.BadRequest, "UTF-8");
    }

    [Fact]
    public async Task A_batch_over_the_limit_gets_400_naming_the_limit() =>
        await AssertProblem(await _client.PostAsJsonAsync("/predict/batch", new { texts = new[] { "a", "b", "c", "d" } }), HttpStatusCode.BadRequest, "the limit is 3");

    [Fact]
    public async Task A_bad_text_inside_a_batch_is_named_by_its_index() =>
        await AssertProblem(await _client.PostAsJsonAsync("/predict/batch", new { texts = new[] { "fine", " " } }), HttpStatusCode.BadRequest, "texts[1]");

    [Fact]
    public async Task An_empty_batch_gets_400() =>
        await AssertProblem(await _client.PostAsJsonAsync("/predict/batch", new { texts = Array.Empty<string>() }), HttpStatusCode.BadRequest, "'texts' is missing or empty");

    [Fact]
    public async Task Plain_text_is_refused_by_the_batch_endpoint() =>
        await AssertProblem(await _client.PostAsync("/predict/batch", Body("a", "text/plain")), HttpStatusCode.UnsupportedMediaType, "application/json");

    [Theory]
    [InlineData("!!! ??? ...")]
    [InlineData("12345 67890")]
    [InlineData("🙂🙂🙂")]
    [InlineData("x")]
    [InlineData("Das ist ein Text auf Deutsch über das Wetter.")]
    [InlineData("a\u0000b\u0001c")]
    public async Task Texts_without_topic_words_get_an_answer_not_an_error(string text)
    {
        var response = await _client.PostAsJsonAsync("/predict", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1.0, body.GetProperty("scores").EnumerateObject().Sum(p => p.Value.GetDouble()), 6);
    }

    [Fact]
    public async Task Deeply_nested_json_gets_400()
    {
        var nested = new string('[', 5000) + new string(']', 5000);
        await AssertProblem(await _client.PostAsync("/predict", Body(nested, "application/json")), HttpStatusCode.BadRequest, "not the expected JSON");
    }

    [Fact]
    public async Task An_unknown_route_gets_a_problem_saying_so()
    {
        var response = await _client.GetAsync("/nothing-here");
        await AssertProblem(response, HttpStatusCode.NotFound, "no endpoint");
    }

    [Fact]
    public async Task Cross_origin_requests_get_no_cors_permission()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/predict");
        request.Headers.Add("Origin", "https://elsewhere.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await _client.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        var post = await _client.PostAsJsonAsync("/predict", new { text = "текст" });
        Assert.False(post.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task No_endpoint_writes_files_or_reads_paths_from_a_request()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .Order()
            .ToList();
        Assert.Equal(["GET /model", "POST /predict", "POST /predict/batch"], operations);
    }
}
