using Classifier.Api.Hosting;
using Classifier.Api.Prediction;
using Classifier.Core.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.ML;
using Microsoft.Extensions.Options;
using Classifier.Core.Prediction;
using System.Text.Json.Serialization;

namespace Classifier.Api.Models;

/// <summary>Which model serves: its metadata, when it was loaded, and the last reload failure if any.</summary>
public sealed record ModelResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("generation")] long Generation,
    [property: JsonPropertyName("loadedAtUtc")] DateTimeOffset LoadedAtUtc,
    [property: JsonPropertyName("lastReloadError")] string? LastReloadError,
    [property: JsonPropertyName("lastReloadErrorAtUtc")] DateTimeOffset? LastReloadErrorAtUtc,
    [property: JsonPropertyName("answers")] AnswerPolicy Answers,
    [property: JsonPropertyName("calibration")] ScoreCalibration Calibration,
    [property: JsonPropertyName("metadata")] TopicModelMetadata? Metadata);

public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/model", GetModel)
            .WithTags("Model")
            .WithName("GetModel")
            .WithSummary("The serving model's metadata and when it was loaded")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static Results<Ok<ModelResponse>, ProblemHttpResult> GetModel(PredictionEnginePool<ArticleInput, TopicPrediction> pool, TopicClassifier classifier)
    {
        var status = pool.GetModelStatus(ClassifierApiOptions.ModelName);
        if (status.Serving is not { } serving)
        {
            return TypedResults.Problem(
                detail: ProblemText.WithoutPaths(status.LastError ?? "The model has not been loaded."),
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The model is not available");
        }

        var metadata = serving.Annotation as TopicModelMetadata;
        var scorer = classifier.ScorerFor(serving);
        return TypedResults.Ok(new ModelResponse(
            metadata?.Name ?? ClassifierApiOptions.ModelName,
            metadata?.Version,
            Path.GetFileName(status.Source),
            serving.ContentSha256,
            serving.Generation,
            serving.LoadedAtUtc,
            status.LastError is null ? null : ProblemText.WithoutPaths(status.LastError),
            status.LastErrorAtUtc,
            scorer.Policy,
            scorer.Calibration,
            metadata));
    }
}
