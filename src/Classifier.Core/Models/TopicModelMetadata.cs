using System.Text.Json;
using System.Text.Json.Serialization;
using Classifier.Core.Evaluation;
using Classifier.Core.Prediction;
using Classifier.Core.Training;

namespace Classifier.Core.Models;

public sealed record DataFileInfo(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("rowsPerLabel")] IReadOnlyDictionary<string, int> RowsPerLabel);

/// <summary>What a model is: written beside it as <c>topic-model.json</c> and inside it, so the two never disagree.</summary>
public sealed record TopicModelMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("trainer")] string Trainer,
    [property: JsonPropertyName("featurizer")] FeaturizerSettings Featurizer,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("trainingData")] DataFileInfo TrainingData,
    [property: JsonPropertyName("testData")] DataFileInfo? TestData,
    [property: JsonPropertyName("trainedAtUtc")] DateTimeOffset TrainedAtUtc,
    [property: JsonPropertyName("trainingSeconds")] double TrainingSeconds,
    [property: JsonPropertyName("testMetrics")] EvaluationReport? TestMetrics)
{
    public const int SchemaVersion = 1;

    [JsonPropertyName("schemaVersion")]
    public int Schema { get; init; } = SchemaVersion;

    /// <summary>How the model's scores are calibrated; absent for models trained without calibration.</summary>
    [JsonPropertyName("calibration")]
    public ScoreCalibration? Calibration { get; init; }

    /// <summary>The answer policy the model was tuned with; absent means <see cref="AnswerPolicy.DefaultFor"/> its labels.</summary>
    [JsonPropertyName("answers")]
    public AnswerPolicy? Answers { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static TopicModelMetadata FromJson(string json) =>
        JsonSerializer.Deserialize<TopicModelMetadata>(json, JsonOptions)
        ?? throw new JsonException("The model metadata is empty.");

    /// <summary>A version that changes with the data and the moment of training: trained-at, then the data hash.</summary>
    public static string MakeVersion(DateTimeOffset trainedAt, string dataSha256) =>
        $"{trainedAt.UtcDateTime:yyyyMMdd.HHmmss}-{dataSha256[..Math.Min(8, dataSha256.Length)]}";
}
