using System.Net;
using System.Net.Http.Json;
using System.Text;
using Classifier.Api.Prediction;
using Classifier.TestSupport;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;

namespace Classifier.Api.Tests;

[Collection(SmallModelsGroup.Name)]
public sealed class RandomInputTests(SmallModels models) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static readonly string[] Pieces = ["ә", "ǵ", "ı", "Ё", "'", "\u0301", "\u200B", "\0", " ", "\n", "🙂", "٣"];

    /// <summary>Random Unicode (any code point, surrogates included), bytes decoded leniently, and mixes of both, of random lengths.</summary>
    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String[Gen.Char, 0, 3000],
        Gen.Byte.Array[0, 3000].Select(bytes => Encoding.UTF8.GetString(bytes)),
        Gen.Int[0, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Array[0, 500].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32))),
        Gen.Int[0, 11].Select(i => Pieces[i]).Array[0, 400].Select(string.Concat));

    [Fact]
    public async Task Thousands_of_random_strings_pass_the_prediction_path_without_an_exception()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, models.TopicModelPath);
        using var client = factory.CreateClient();
        var classifier = factory.Services.GetRequiredService<TopicClassifier>();
        AnyText.Sample(text =>
        {
            var answer = classifier.Classify(text);
            return Math.Abs(answer.Scores.Values.Sum() - 1) < 1e-6 && answer.Scores.Count == 4;
        }, iter: 3000);

        // A share of them through the whole HTTP pipeline: every answer is 200 or a 4xx, never a 5xx.
        var texts = AnyText.Array[300, 300].Single();
        foreach (var text in texts)
        {
            var response = await client.PostAsJsonAsync("/predict", new { text });
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{response.StatusCode} for a text of {text.Length} chars");
        }
    }

    [Fact]
    public async Task Random_bytes_as_a_body_get_an_answer_below_500()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, models.TopicModelPath);
        using var client = factory.CreateClient();
        foreach (var bytes in Gen.Byte.Array[0, 5000].Array[200, 200].Single())
        {
            foreach (var mediaType in new[] { "application/json", "text/plain" })
            {
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
                var response = await client.PostAsync("/predict", content);
                Assert.True((int)response.StatusCode < 500, $"{response.StatusCode} for {bytes.Length} random bytes as {mediaType}");
            }
        }
    }

    [Fact]
    public async Task A_ten_megabyte_body_gets_413()
    {
        await using var factory = ClassifierApiFactory.Serving(_directory, models.TopicModelPath);
        using var client = factory.CreateClient();
        var response = await client.PostAsync("/predict", new StringContent(new string('ж', 5 * 1024 * 1024), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
