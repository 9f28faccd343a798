using System.Runtime.CompilerServices;
using Classifier.Api.Hosting;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Microsoft.Extensions.ML;

namespace Classifier.Api.Prediction;

/// <summary>Classifies article texts with the pooled model and shapes the answers for the API.</summary>
public sealed class TopicClassifier(PredictionEnginePool<ArticleInput, TopicPrediction> pool)
{
    private static readonly ConditionalWeakTable<ServedModel, TopicLabelSet> LabelSets = [];
    private static readonly ConditionalWeakTable<ServedModel, ExplainerOrReason> Explainers = [];

    private sealed record ExplainerOrReason(TopicExplainer? Explainer, string? Reason);

    public PredictResponse Classify(string text, bool explain = false)
    {
        var prediction = pool.Predict(ClassifierApiOptions.ModelName, new ArticleInput { Text = text }, out var served);
        var ranked = LabelSets.GetValue(served, s => TopicLabelSet.FromModel(s.Model)).Rank(prediction.Score);
        var response = new PredictResponse(
            ranked.Label,
            ranked.Confidence,
            ranked.Ranked.ToDictionary(s => s.Label, s => s.Probability),
            Describe(served));
        if (!explain)
        {
            return response;
        }

        // Explained with the same model that answered, even if another was swapped in meanwhile.
        var entry = Explainers.GetValue(served, s => new ExplainerOrReason(TopicExplainer.TryCreate(s.Model, out var reason), reason));
        return entry.Explainer is { } explainer
            ? response with { Explanation = explainer.Explain(text) }
            : throw new ExplanationUnavailableException($"The serving model cannot explain its answers: {entry.Reason}.");
    }

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
