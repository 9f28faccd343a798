using System.Runtime.CompilerServices;
using Classifier.Api.Hosting;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Microsoft.Extensions.ML;
using Microsoft.Extensions.Options;

namespace Classifier.Api.Prediction;

/// <summary>Classifies article texts with the pooled model and shapes the answers for the API.</summary>
public sealed class TopicClassifier(PredictionEnginePool<ArticleInput, TopicPrediction> pool, IOptions<ClassifierApiOptions> options)
{
    // Per served model, so a swapped-in model answers with its own labels, calibration and policy.
    private readonly ConditionalWeakTable<ServedModel, TopicScorer> _scorers = [];
    private readonly ConditionalWeakTable<ServedModel, ExplainerOrReason> _explainers = [];

    private sealed record ExplainerOrReason(TopicExplainer? Explainer, string? Reason);

    public PredictResponse Classify(string text, bool explain = false)
    {
        var prediction = pool.Predict(ClassifierApiOptions.ModelName, new ArticleInput { Text = text }, out var served);
        var scorer = ScorerFor(served);
        var answer = scorer.Answer(prediction.Score, prediction.Touches);
        var response = new PredictResponse(
            answer.Label,
            answer.Confidence,
            answer.Topics,
            answer.Ranked.ToDictionary(s => s.Label, s => s.Probability),
            Describe(served));
        if (!explain)
        {
            return response;
        }

        // Explained with the same model that answered, even if another was swapped in meanwhile.
        var entry = _explainers.GetValue(served, s => new ExplainerOrReason(TopicExplainer.TryCreate(s.Model, scorer.Calibration, out var reason), reason));
        return entry.Explainer is { } explainer
            ? response with { Explanation = explainer.Explain(text) }
            : throw new ExplanationUnavailableException($"The serving model cannot explain its answers: {entry.Reason}.");
    }

    /// <summary>The served model's scorer: its calibration, and its answer policy with the configured thresholds.</summary>
    public TopicScorer ScorerFor(ServedModel served) =>
        _scorers.GetValue(served, s => TopicScorer.For(
            s.Model, s.Annotation as TopicModelMetadata, options.Value.OffTopicThreshold, options.Value.TopicThreshold));

    public static ModelReference Describe(ServedModel served) =>
        served.Annotation is TopicModelMetadata metadata
            ? new ModelReference(metadata.Name, metadata.Version)
            : new ModelReference(ClassifierApiOptions.ModelName, "sha256:" + served.ContentSha256[..12]);
}

/// <summary>The serving model is of a kind whose answers cannot be traced back to words.</summary>
public sealed class ExplanationUnavailableException(string message) : Exception(message)
{
    public ExplanationUnavailableException()
        : this("The serving model cannot explain its answers.")
    {
    }

    public ExplanationUnavailableException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}
