using Microsoft.ML;
using Microsoft.ML.Data;

namespace Classifier.Core.Prediction;

/// <summary>One topic and its probability.</summary>
public readonly record struct TopicScore(string Label, double Probability);

/// <summary>A model's answer for one article: every label's probability, the most probable first.</summary>
public sealed record RankedTopics(IReadOnlyList<TopicScore> Ranked)
{
    public string Label => Ranked[0].Label;

    public double Confidence => Ranked[0].Probability;
}

/// <summary>Reads a model's label set from the slot names of its Score column, and ranks scores by it.</summary>
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

    /// <summary>
    /// Every label with its probability, highest first; ties keep the model's label order. Scores are
    /// renormalized to sum to 1, since trainers' probabilities can drift from 1 by rounding.
    /// </summary>
    public RankedTopics Rank(ReadOnlySpan<float> scores)
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

        var ranked = new TopicScore[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            var p = sum > 0 ? (float.IsFinite(s) && s > 0 ? s / sum : 0) : 1d / scores.Length;
            ranked[i] = new TopicScore(Labels[i], p);
        }

        // A stable sort keeps the model's order for equal probabilities.
        var order = Enumerable.Range(0, ranked.Length).OrderByDescending(i => ranked[i].Probability).ThenBy(i => i).Select(i => ranked[i]).ToArray();
        return new RankedTopics(order);
    }
}

/// <summary>The input schema every topic model reads.</summary>
public static class ArticleSchema
{
    private static readonly Lazy<DataViewSchema> LazyInput = new(() =>
        new MLContext().Data.LoadFromEnumerable(Array.Empty<ArticleInput>()).Schema);

    public static DataViewSchema Input => LazyInput.Value;
}
