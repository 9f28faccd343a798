using System.Diagnostics;
using Classifier.Core.Data;
using Classifier.Core.Prediction;
using Classifier.Core.Text;
using Microsoft.ML;

namespace Classifier.Core.Training;

/// <summary>What to fit: the trainer, the featurizer and the seed that make a run reproducible.</summary>
public sealed record TrainingOptions(TrainerKind Trainer, FeaturizerSettings Featurizer, int Seed = TrainingOptions.DefaultSeed)
{
    public const int DefaultSeed = 42;

    public static TrainingOptions Default => new(TrainerKinds.Default, FeaturizerSettings.Default);
}

/// <summary>A fitted model and what is needed to save and describe it.</summary>
public sealed record TrainedTopicModel(ITransformer Model, MLContext Context, IReadOnlyList<string> Labels, TimeSpan Duration);

/// <summary>Fits a multiclass topic model on labelled articles. The label set comes from the data.</summary>
public static class TopicModelTrainer
{
    private sealed class TrainingRow
    {
        public string Label { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }

    public static MLContext CreateContext(int seed)
    {
        var ml = new MLContext(seed);
        TopicTextMapping.Register(ml);
        return ml;
    }

    public static TrainedTopicModel Fit(IReadOnlyList<LabelledArticle> articles, TrainingOptions options)
    {
        var labels = articles.Select(a => a.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new InvalidOperationException($"Training needs at least two labels; the data has {labels.Length} ({string.Join(", ", labels)}).");
        }

        var stopwatch = Stopwatch.StartNew();
        var ml = CreateContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(articles.Select(a => new TrainingRow { Label = a.Label, Text = a.Text }));

        // The label key mapping is fitted apart and not saved: the model then reads only Text, and its Score
        // slot names still carry the labels (sorted, so the order does not depend on the order of the rows).
        var keyed = ml.Transforms.Conversion
            .MapValueToKey(TopicModelColumns.Label, keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(data)
            .Transform(data);
        var model = TopicPipelineFactory.CreateModelPipeline(ml, options.Featurizer, options.Trainer, options.Seed).Fit(keyed);
        stopwatch.Stop();
        var modelLabels = TopicLabelSet.FromModel(model).Labels;
        return new TrainedTopicModel(model, ml, modelLabels, stopwatch.Elapsed);
    }
}
