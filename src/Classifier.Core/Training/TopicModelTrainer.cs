using System.Diagnostics;
using Classifier.Core.Data;
using Classifier.Core.Prediction;
using Classifier.Core.Text;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Classifier.Core.Training;

/// <summary>What to fit: the trainer, the featurizer and the seed that make a run reproducible.</summary>
public sealed record TrainingOptions(TrainerKind Trainer, FeaturizerSettings Featurizer, int Seed = TrainingOptions.DefaultSeed)
{
    public const int DefaultSeed = 42;

    public static TrainingOptions Default => new(TrainerKinds.Default, FeaturizerSettings.Default);
}

/// <summary>A fitted model and what is needed to save and describe it.</summary>
public sealed record TrainedTopicModel(ITransformer Model, MLContext Context, IReadOnlyList<string> Labels, TimeSpan Duration);

/// <summary>
/// Fits a topic model on labelled articles: a multiclass model for the main topic, and one logistic regression per
/// label for whether the article touches it at all (its main or a secondary topic). The label set comes from the data.
/// </summary>
public static class TopicModelTrainer
{
    private const string MainScore = "MainScore";
    private const string MainLabel = "MainLabel";

    private sealed class TrainingRow
    {
        public string Label { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }

    private sealed class TouchRow
    {
        public bool Label { get; set; }

        public string Text { get; set; } = string.Empty;
    }

    public static MLContext CreateContext(int seed)
    {
        var ml = new MLContext(seed);
        TopicTextMapping.Register(ml);
        return ml;
    }

    /// <param name="touches">
    /// Whether to fit the per-label touch models; without them the Touches column repeats the main scores, which
    /// is all that cross-validation and calibration need.
    /// </param>
    public static TrainedTopicModel Fit(IReadOnlyList<LabelledArticle> articles, TrainingOptions options, bool touches = true)
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
        var featurizer = TopicPipelineFactory.CreateFeaturizer(ml, options.Featurizer).Fit(keyed);
        var featurized = ml.Data.Cache(featurizer.Transform(keyed));
        var predictor = TopicPipelineFactory.CreateTrainer(ml, options.Trainer, options.Seed).Fit(featurized);
        var current = predictor.Transform(featurized);
        var keyToValue = ml.Transforms.Conversion.MapKeyToValue(TopicModelColumns.PredictedLabel).Fit(current);
        current = keyToValue.Transform(current);

        var chain = new List<ITransformer> { featurizer, predictor, keyToValue };
        var modelLabels = TopicLabelSet.FromModel(new TransformerChain<ITransformer>([.. chain])).Labels;
        if (touches)
        {
            AppendTouches(ml, chain, current, featurizer, articles, modelLabels);
        }
        else
        {
            chain.Add(ml.Transforms.CopyColumns(TopicModelColumns.Touches, TopicModelColumns.Score).Fit(current));
        }

        var model = new TransformerChain<ITransformer>([.. chain]);
        stopwatch.Stop();
        return new TrainedTopicModel(model, ml, modelLabels, stopwatch.Elapsed);
    }

    /// <summary>
    /// Appends, per label in the order of the Score slots, a logistic regression for "touches this label", and
    /// gathers their probabilities into the <see cref="TopicModelColumns.Touches"/> vector. Binary predictors
    /// write their own Score and PredictedLabel columns, so the main ones are kept aside and restored last.
    /// </summary>
    private static void AppendTouches(
        MLContext ml, List<ITransformer> chain, IDataView current, ITransformer featurizer, IReadOnlyList<LabelledArticle> articles, IReadOnlyList<string> labels)
    {
        void Add(ITransformer transformer)
        {
            chain.Add(transformer);
            current = transformer.Transform(current);
        }

        Add(ml.Transforms.CopyColumns(MainScore, TopicModelColumns.Score).Fit(current));
        Add(ml.Transforms.CopyColumns(MainLabel, TopicModelColumns.PredictedLabel).Fit(current));
        var touchColumns = new List<string>(labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            var rows = articles.Select(a => new TouchRow { Text = a.Text, Label = a.Label == label || a.SecondaryLabels.Contains(label) }).ToList();
            var touchColumn = $"{TopicModelColumns.Touches}.{i}";
            if (rows.All(r => r.Label))
            {
                // Every label is some article's main topic, so only this case leaves one class to learn from.
                throw new InvalidOperationException(
                    $"Every article touches '{label}' (as its main or a secondary topic), so whether an article touches it cannot be learned; check the secondary column.");
            }

            // Cached, or every pass of the optimizer would featurize the articles again.
            var touchData = ml.Data.Cache(featurizer.Transform(ml.Data.LoadFromEnumerable(rows)));
            Add(TopicPipelineFactory.CreateTouchTrainer(ml).Fit(touchData));
            Add(ml.Transforms.CopyColumns(touchColumn, "Probability").Fit(current));
            touchColumns.Add(touchColumn);
        }

        Add(ml.Transforms.Concatenate(TopicModelColumns.Touches, [.. touchColumns]).Fit(current));
        Add(ml.Transforms.CopyColumns(TopicModelColumns.Score, MainScore).Fit(current));
        Add(ml.Transforms.CopyColumns(TopicModelColumns.PredictedLabel, MainLabel).Fit(current));
    }
}
