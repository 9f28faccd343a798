using System.Globalization;
using System.Text.Json.Serialization;
using Classifier.Core.Models;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Classifier.Core.Prediction;

/// <summary>One topic and its probability.</summary>
public readonly record struct TopicScore(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("probability")] double Probability);

/// <summary>
/// A model's answer for one article.
/// </summary>
/// <param name="Label">The topic the article is filed under; the off-topic label when it is about none.</param>
/// <param name="Confidence">The probability of that answer.</param>
/// <param name="Ranked">Every label the model knows with its calibrated probability, the most probable first.</param>
/// <param name="Touches">Every label with the probability that the article touches it (as its main or a secondary topic), highest first.</param>
/// <param name="Topics">The answer first, then every other topic the article touches with at least the topic threshold's probability.</param>
public sealed record TopicAnswer(string Label, double Confidence, IReadOnlyList<TopicScore> Ranked, IReadOnlyList<TopicScore> Touches, IReadOnlyList<TopicScore> Topics);

/// <summary>How scores become an answer: when an article is off-topic, and which topics are listed beside the winner.</summary>
/// <param name="OtherLabel">The answer for an article about none of the topics; a model may also have learned it as a class.</param>
/// <param name="OffTopicThreshold">
/// The answer is <paramref name="OtherLabel"/> when the article's off-topic probability is at least this: the
/// probability of that label for a model that learned it as a class, otherwise the probability that the best
/// topic is wrong (1 − its probability). 0.5 answers off-topic when that is more likely than not; 1 never does.
/// </param>
/// <param name="TopicThreshold">Topics the article touches with at least this probability are listed in <see cref="TopicAnswer.Topics"/>.</param>
public sealed record AnswerPolicy(
    [property: JsonPropertyName("otherLabel")] string OtherLabel,
    [property: JsonPropertyName("offTopicThreshold")] double OffTopicThreshold,
    [property: JsonPropertyName("topicThreshold")] double TopicThreshold)
{
    public const string DefaultOtherLabel = "other";

    public const double DefaultTopicThreshold = 0.3;

    /// <summary>For a model that learned the off-topic label: off-topic when that is more likely than not.</summary>
    public const double DefaultOffTopicThreshold = 0.5;

    public static AnswerPolicy Default { get; } = new(DefaultOtherLabel, DefaultOffTopicThreshold, DefaultTopicThreshold);

    /// <summary>The default policy for a model trained on <paramref name="labels"/>: without the off-topic label, never off-topic.</summary>
    public static AnswerPolicy DefaultFor(IEnumerable<string> labels) =>
        labels.Contains(DefaultOtherLabel, StringComparer.Ordinal) ? Default : Default with { OffTopicThreshold = 1 };

    /// <summary>This policy with the given thresholds replacing its own where they are set.</summary>
    public AnswerPolicy With(double? offTopicThreshold, double? topicThreshold)
    {
        var policy = this with
        {
            OffTopicThreshold = offTopicThreshold ?? OffTopicThreshold,
            TopicThreshold = topicThreshold ?? TopicThreshold,
        };
        policy.Validate();
        return policy;
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OtherLabel))
        {
            throw new ArgumentException("The off-topic label must not be empty.");
        }

        foreach (var (name, value) in new[] { ("off-topic threshold", OffTopicThreshold), ("topic threshold", TopicThreshold) })
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(name, value, $"The {name} is a probability: it must be between 0 and 1, not {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        }
    }
}

/// <summary>Turns a model's raw scores into an answer: ranked by label, calibrated, then decided by the policy.</summary>
public sealed class TopicScorer(TopicLabelSet labels, ScoreCalibration calibration, AnswerPolicy policy)
{
    public TopicLabelSet Labels { get; } = labels;

    public ScoreCalibration Calibration { get; } = calibration;

    public AnswerPolicy Policy { get; } = policy;

    /// <summary>The scorer a saved model asks for (its calibration and policy), with optional threshold overrides.</summary>
    public static TopicScorer For(ITransformer model, TopicModelMetadata? metadata, double? offTopicThreshold = null, double? topicThreshold = null)
    {
        var labels = TopicLabelSet.FromModel(model);
        return new(
            labels,
            metadata?.Calibration ?? ScoreCalibration.None,
            (metadata?.Answers ?? AnswerPolicy.DefaultFor(labels.Labels)).With(offTopicThreshold, topicThreshold));
    }

    /// <summary>A scorer that only ranks: no calibration, default policy. For models just fitted, as in cross-validation.</summary>
    public static TopicScorer Uncalibrated(ITransformer model) => For(model, null);

    /// <summary>The answer for a model's main-topic scores and its touch probabilities (empty for a model without them).</summary>
    public TopicAnswer Answer(ReadOnlySpan<float> scores, ReadOnlySpan<float> touches)
    {
        var ranked = Rank(scores);
        return Decide(ranked, touches.Length == Labels.Labels.Count ? RankTouches(touches) : ranked, Policy);
    }

    /// <summary>Touch probabilities are independent per label (they need not sum to 1), so they are ranked as they are.</summary>
    private TopicScore[] RankTouches(ReadOnlySpan<float> touches)
    {
        var probabilities = new double[touches.Length];
        for (var i = 0; i < touches.Length; i++)
        {
            probabilities[i] = float.IsFinite(touches[i]) ? Math.Clamp(touches[i], 0, 1) : 0;
        }

        return TopicLabelSet.Order(Labels.Labels, probabilities);
    }

    /// <summary>Every label with its calibrated probability, highest first.</summary>
    public IReadOnlyList<TopicScore> Rank(ReadOnlySpan<float> scores)
    {
        var probabilities = Labels.Normalize(scores);
        Calibration.Apply(probabilities);
        return TopicLabelSet.Order(Labels.Labels, probabilities);
    }

    /// <summary>The answer for ranked probabilities under a policy; evaluation replays it with other thresholds.</summary>
    public static TopicAnswer Decide(IReadOnlyList<TopicScore> ranked, IReadOnlyList<TopicScore> touches, AnswerPolicy policy)
    {
        var bestTopic = ranked.FirstOrDefault(r => r.Label != policy.OtherLabel);
        var other = ranked.FirstOrDefault(r => r.Label == policy.OtherLabel);
        var offTopic = other.Label is not null ? other.Probability : 1 - bestTopic.Probability;

        // 1 means never, even for a probability of exactly 1.
        var answer = bestTopic.Label is null || (offTopic >= policy.OffTopicThreshold && policy.OffTopicThreshold < 1)
            ? new TopicScore(policy.OtherLabel, offTopic)
            : bestTopic;

        var topics = new List<TopicScore>(touches.Count) { answer };
        foreach (var touch in touches)
        {
            if (touch.Label != answer.Label && touch.Label != policy.OtherLabel && touch.Probability >= policy.TopicThreshold)
            {
                topics.Add(touch);
            }
        }

        return new TopicAnswer(answer.Label, answer.Probability, ranked, touches, topics);
    }
}

/// <summary>Reads a model's label set from the slot names of its Score column.</summary>
public sealed class TopicLabelSet
{
    private TopicLabelSet(IReadOnlyList<string> labels) => Labels = labels;

    /// <summary>Labels in the order of the Score vector.</summary>
    public IReadOnlyList<string> Labels { get; }

    internal static TopicLabelSet FromLabels(IReadOnlyList<string> labels) => new(labels);

    public static TopicLabelSet FromModel(ITransformer model)
    {
        var input = ArticleSchema.Input;
        var output = model.GetOutputSchema(input);
        var score = output.GetColumnOrNull(TopicModelColumns.Score)
            ?? throw new InvalidOperationException("The model has no Score column: it is not a multiclass topic model.");
        if (!score.HasSlotNames())
        {
            throw new InvalidOperationException("The model's Score column has no slot names, so its scores cannot be mapped to labels.");
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        var labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        if (labels.Length == 0 || labels.Any(string.IsNullOrEmpty))
        {
            throw new InvalidOperationException("The model's Score column names no labels.");
        }

        return new TopicLabelSet(labels);
    }

    /// <summary>Every label with its probability, highest first, uncalibrated.</summary>
    public IReadOnlyList<TopicScore> Rank(ReadOnlySpan<float> scores) => Order(Labels, Normalize(scores));

    /// <summary>
    /// Scores as probabilities in label order, renormalized to sum to 1 (trainers' probabilities can drift from
    /// 1 by rounding); a non-finite or negative score counts as 0.
    /// </summary>
    internal double[] Normalize(ReadOnlySpan<float> scores)
    {
        if (scores.Length != Labels.Count)
        {
            throw new InvalidOperationException($"The model returned {scores.Length} scores for {Labels.Count} labels.");
        }

        var sum = 0d;
        foreach (var s in scores)
        {
            sum += float.IsFinite(s) && s > 0 ? s : 0;
        }

        var probabilities = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            probabilities[i] = sum > 0 ? (float.IsFinite(s) && s > 0 ? s / sum : 0) : 1d / scores.Length;
        }

        return probabilities;
    }

    /// <summary>Highest first; a stable sort keeps the model's order for equal probabilities.</summary>
    internal static TopicScore[] Order(IReadOnlyList<string> labels, double[] probabilities) =>
        Enumerable.Range(0, probabilities.Length)
            .OrderByDescending(i => probabilities[i])
            .ThenBy(i => i)
            .Select(i => new TopicScore(labels[i], probabilities[i]))
            .ToArray();
}

/// <summary>The input schema every topic model reads.</summary>
public static class ArticleSchema
{
    private static readonly Lazy<DataViewSchema> LazyInput = new(() =>
        new MLContext().Data.LoadFromEnumerable(Array.Empty<ArticleInput>()).Schema);

    public static DataViewSchema Input => LazyInput.Value;
}
