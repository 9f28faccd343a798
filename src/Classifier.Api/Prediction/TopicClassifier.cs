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

    public PredictResponse Classify(string text)
    {
        var prediction = pool.Predict(ClassifierApiOptions.ModelName, new ArticleInput { Text = text }, out var served);
        var ranked = LabelSets.GetValue(served, s => TopicLabelSet.FromModel(s.Model)).Rank(prediction.Score);
        return new PredictResponse(
            ranked.Label,
            ranked.Confidence,
            ranked.Ranked.ToDictionary(s => s.Label, s => s.Probability),
            Describe(served));
    }

    public static ModelReference Describe(ServedModel served) =>
        served.Annotation is TopicModelMetadata metadata
            ? new ModelReference(metadata.Name, metadata.Version)
            : new ModelReference(ClassifierApiOptions.ModelName, "sha256:" + served.ContentSha256[..12]);
}
