using System.Text.Json;
using System.Text.Json.Serialization;

namespace Classifier.Api.Prediction;

/// <summary>One article to classify.</summary>
public sealed record PredictRequest(
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("explain")] bool Explain = false);

/// <summary>Several articles to classify, answered in the same order.</summary>
public sealed record BatchPredictRequest([property: JsonPropertyName("texts")] IReadOnlyList<string?>? Texts);

/// <summary>The model that gave an answer.</summary>
public sealed record ModelReference(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version);

/// <summary>
/// The topic of one article ('other' when it is about none of them), the topics it touches (the answer first, then
/// every topic whose probability passes the topic threshold) and every label's calibrated probability (they sum to 1).
/// </summary>
public sealed record PredictResponse(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("topics")] IReadOnlyList<Classifier.Core.Prediction.TopicScore> Topics,
    [property: JsonPropertyName("scores")] IReadOnlyDictionary<string, double> Scores,
    [property: JsonPropertyName("model")] ModelReference Model)
{
    /// <summary>Per topic, most probable first: the words that pushed its score up and down, with their offsets in the text. Only when asked for.</summary>
    [JsonPropertyName("explanation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Classifier.Core.Prediction.TopicExplanation>? Explanation { get; init; }
}

public sealed record BatchPredictResponse(
    [property: JsonPropertyName("results")] IReadOnlyList<PredictResponse> Results,
    [property: JsonPropertyName("model")] ModelReference Model);

/// <summary>Source-generated JSON for the API's own types: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, MaxDepth = 16, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(BatchPredictRequest))]
[JsonSerializable(typeof(PredictResponse))]
[JsonSerializable(typeof(BatchPredictResponse))]
[JsonSerializable(typeof(Classifier.Api.Models.ModelResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
