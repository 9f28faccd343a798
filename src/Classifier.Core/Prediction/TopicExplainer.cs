using System.Text;
using System.Text.Json.Serialization;
using Classifier.Core.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace Classifier.Core.Prediction;

/// <summary>A word or phrase of the text and how much it moved one topic's score.</summary>
/// <param name="Term">The words as written in the text.</param>
/// <param name="Weight">Its contribution to the topic's logit, relative to the other topics (positive: towards the topic).</param>
/// <param name="Offsets">Where it occurs: [start, length] pairs in UTF-16 characters of the original text.</param>
public sealed record TermContribution(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("offsets")] IReadOnlyList<int[]> Offsets);

/// <summary>Why one topic got its score.</summary>
/// <param name="Logit">The topic's score before the softmax: bias plus every term's contribution.</param>
public sealed record TopicExplanation(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("logit")] double Logit,
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("up")] IReadOnlyList<TermContribution> Up,
    [property: JsonPropertyName("down")] IReadOnlyList<TermContribution> Down);

/// <summary>
/// Explains a prediction of a linear model over <see cref="HashedTextFeaturizer"/> features from the model
/// itself: each feature occurrence contributes weight × value to a topic's logit, and is credited to the
/// words it came from (character n-grams to their word, bigrams to the two-word phrase), mapped back to the
/// text as written. The logits rebuilt from the contributions give exactly the model's probabilities.
/// </summary>
public sealed class TopicExplainer
{
    private readonly float[][] _weights;
    private readonly float[] _biases;

    private readonly WordFilter _filter;
    private readonly bool _useLead;

    private TopicExplainer(TopicLabelSet labels, float[][] weights, float[] biases, WordFilter filter, bool useLead)
    {
        Labels = labels;
        _weights = weights;
        _biases = biases;
        _filter = filter;
        _useLead = useLead;
    }

    public TopicLabelSet Labels { get; }

    /// <summary>An explainer for <paramref name="model"/>, or null with the reason when it cannot be explained this way.</summary>
    public static TopicExplainer? TryCreate(ITransformer model, out string? reason) => TryCreate(model, ScoreCalibration.None, out reason);

    /// <summary>
    /// An explainer whose probabilities are the calibrated ones: dividing the logits by the temperature is
    /// dividing every weight and bias by it, so contributions stay exact.
    /// </summary>
    public static TopicExplainer? TryCreate(ITransformer model, ScoreCalibration calibration, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var scale = (float)(1 / calibration.Temperature);
        reason = null;
        var transformers = Flatten(model).ToList();
        var featurizer = transformers.OfType<CustomMappingTransformer<TopicTextSource, HashedFeatures>>().FirstOrDefault();
        if (featurizer is null)
        {
            reason = "the model was not trained with the hashed featurizer, whose features can be traced back to words";
            return null;
        }

        var predictor = transformers.OfType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>().FirstOrDefault();
        if (predictor is null)
        {
            reason = "the model's trainer is not a linear maximum-entropy model (sdca or lbfgs)";
            return null;
        }

        VBuffer<float>[] weights = [];
        predictor.Model.GetWeights(ref weights, out var classes);
        var dense = weights.Take(classes).Select(w =>
        {
            var values = new float[HashedFeatures.Dimension];
            w.CopyTo(values);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] *= scale;
            }

            return values;
        }).ToArray();
        var biases = predictor.Model.GetBiases().Select(b => b * scale).ToArray();
        return new TopicExplainer(TopicLabelSet.FromModel(model), dense, biases, FilterOf(featurizer), HasLead(featurizer));
    }

    /// <summary>
    /// Which hashed featurizer the model holds, told by probing it: the actor-blind ones give no feature for a
    /// state's name, the subject ones none for a protocol word either, and the ones with a lead block give one
    /// more feature for a one-word text.
    /// </summary>
    private static int CountFeatures(ITransformer featurizer, string text)
    {
        var ml = new MLContext();
        var probe = ml.Data.LoadFromEnumerable(new[] { new TopicTextSource { Text = text } });
        return ml.Data.CreateEnumerable<HashedFeatures>(featurizer.Transform(probe), reuseRowObject: false).Single().Features.GetValues().Length;
    }

    private static WordFilter FilterOf(ITransformer featurizer) =>
        CountFeatures(featurizer, "Kazakhstan") > 0 ? WordFilter.None
        : CountFeatures(featurizer, "cooperation") > 0 ? WordFilter.Actors
        : WordFilter.ActorsAndMeeting;

    private static bool HasLead(ITransformer featurizer)
    {
        var withoutLead = new HashedFeatures();
        HashedTextFeaturizer.Map(new TopicTextSource { Text = "shekara" }, withoutLead, WordFilter.None, useLead: false);
        return CountFeatures(featurizer, "shekara") > withoutLead.Features.GetValues().Length;
    }

    /// <summary>The transformers of a model in order, nested chains (as fitted, or as loaded) unrolled.</summary>
    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];

    public IReadOnlyList<TopicExplanation> Explain(string text, int top = 8)
    {
        var folded = new StringBuilder(text.Length);
        var source = new List<int>(text.Length);
        TextNormalizer.Normalize(text.AsSpan(), folded, source);
        var foldedText = folded.ToString();
        var collector = new OccurrenceCollector();
        HashedTextFeaturizer.Visit(foldedText.AsSpan(), collector, _filter, _useLead);
        var scales = new Dictionary<FeatureBlock, float>
        {
            [FeatureBlock.Whole] = HashedTextFeaturizer.BlockScale(collector.Counts(FeatureBlock.Whole)),
            [FeatureBlock.Lead] = HashedTextFeaturizer.BlockScale(collector.Counts(FeatureBlock.Lead)),
        };

        var classes = _weights.Length;

        // Contribution of every (span) term to every class's logit.
        var terms = new Dictionary<(int Start, int End), double[]>();
        foreach (var o in collector.Occurrences)
        {
            if (!terms.TryGetValue((o.Start, o.End), out var perClass))
            {
                terms[(o.Start, o.End)] = perClass = new double[classes];
            }

            // The feature's value, tf(count) × scale, shared equally by its occurrences.
            var count = collector.Counts(o.Block)[o.Index];
            var value = HashedTextFeaturizer.TermFrequency(count) / count * scales[o.Block];
            for (var c = 0; c < classes; c++)
            {
                perClass[c] += _weights[c][o.Index] * value;
            }
        }

        var logits = new double[classes];
        for (var c = 0; c < classes; c++)
        {
            logits[c] = _biases[c] + terms.Values.Sum(t => t[c]);
        }

        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();

        // Group occurrences of the same folded term; credit relative to the mean over topics, since a softmax
        // only cares about differences between topics.
        var grouped = terms
            .GroupBy(t => foldedText[t.Key.Start..t.Key.End], StringComparer.Ordinal)
            .Select(g => (
                Spans: g.Select(t => t.Key).OrderBy(k => k.Start).ToList(),
                PerClass: Enumerable.Range(0, classes).Select(c => g.Sum(t => t.Value[c])).ToArray()))
            .ToList();

        var explanations = new List<TopicExplanation>(classes);
        for (var c = 0; c < classes; c++)
        {
            var relative = grouped.Select(g => (g.Spans, Weight: g.PerClass[c] - g.PerClass.Average())).ToList();
            TermContribution ToTerm((List<(int Start, int End)> Spans, double Weight) g)
            {
                var offsets = g.Spans.Select(s =>
                {
                    var from = source[s.Start];
                    var to = source[s.End - 1] + 1;
                    while (to < text.Length && char.IsLowSurrogate(text[to]))
                    {
                        to++;
                    }

                    return new[] { from, to - from };
                }).ToList();
                var first = offsets[0];
                return new TermContribution(text.Substring(first[0], first[1]), g.Weight, offsets);
            }

            explanations.Add(new TopicExplanation(
                Labels.Labels[c],
                exp[c] / sum,
                logits[c],
                _biases[c],
                relative.Where(r => r.Weight > 0).OrderByDescending(r => r.Weight).Take(top).Select(ToTerm).ToList(),
                relative.Where(r => r.Weight < 0).OrderBy(r => r.Weight).Take(top).Select(ToTerm).ToList()));
        }

        return explanations.OrderByDescending(e => e.Probability).ToList();
    }

    private sealed class OccurrenceCollector : IFeatureSink
    {
        private readonly Dictionary<int, float> _whole = [];
        private readonly Dictionary<int, float> _lead = [];

        public List<(int Index, FeatureBlock Block, int Start, int End)> Occurrences { get; } = [];

        public IReadOnlyDictionary<int, float> Counts(FeatureBlock block) => block == FeatureBlock.Lead ? _lead : _whole;

        public void Add(int index, FeatureBlock block, int start, int end)
        {
            Occurrences.Add((index, block, start, end));
            var counts = block == FeatureBlock.Lead ? _lead : _whole;
            counts[index] = counts.GetValueOrDefault(index) + 1;
        }
    }
}
