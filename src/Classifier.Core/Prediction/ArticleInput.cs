using Microsoft.ML.Data;

namespace Classifier.Core.Prediction;

/// <summary>What a model reads: the raw text of one article, exactly as a user pasted it.</summary>
public sealed class ArticleInput
{
    [ColumnName(TopicModelColumns.Text)]
    public string Text { get; set; } = string.Empty;
}

/// <summary>What a model writes: the winning label and one probability per label, in the order of the Score slot names.</summary>
public sealed class TopicPrediction
{
    [ColumnName(TopicModelColumns.PredictedLabel)]
    public string PredictedLabel { get; set; } = string.Empty;

    [ColumnName(TopicModelColumns.Score)]
    public float[] Score { get; set; } = [];

    /// <summary>Per label, in the same order: the probability that the article touches it, as its main or a secondary topic.</summary>
    [ColumnName(TopicModelColumns.Touches)]
    public float[] Touches { get; set; } = [];
}

/// <summary>Column names shared by the training pipeline, the saved model and its consumers.</summary>
public static class TopicModelColumns
{
    public const string Text = "Text";
    public const string Label = "Label";
    public const string PredictedLabel = "PredictedLabel";
    public const string Score = "Score";
    public const string Features = "Features";
    public const string Touches = "Touches";
}
