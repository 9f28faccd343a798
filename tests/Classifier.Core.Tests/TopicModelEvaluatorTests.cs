using Classifier.Core.Data;
using Classifier.Core.Evaluation;
using Classifier.Core.Prediction;

namespace Classifier.Core.Tests;

public class TopicModelEvaluatorTests
{
    private static readonly string[] Labels = ["a", "b", "c"];

    private static ScoredArticle Scored(string truth, string predicted, string? lang = null)
    {
        var ranked = Labels.Select(l => new TopicScore(l, l == predicted ? 0.8 : 0.1)).OrderByDescending(s => s.Probability).ToList();
        return new ScoredArticle(new LabelledArticle(truth, "text", 1, lang), new RankedTopics(ranked));
    }

    [Fact]
    public void Metrics_come_from_the_confusion_matrix()
    {
        // a: 2 right, 1 called b; b: 1 right; c: 1 called a.
        var report = TopicModelEvaluator.Summarize(Labels, [Scored("a", "a", "ru"), Scored("a", "a", "ru"), Scored("a", "b", "kk"), Scored("b", "b", "en"), Scored("c", "a", "en")]);
        Assert.Equal(5, report.Rows);
        Assert.Equal(3.0 / 5, report.MicroAccuracy, 10);
        Assert.Equal(2.0 / 3, report.PerClass["a"].Precision, 10);
        Assert.Equal(2.0 / 3, report.PerClass["a"].Recall, 10);
        Assert.Equal(0.5, report.PerClass["b"].Precision, 10);
        Assert.Equal(1.0, report.PerClass["b"].Recall, 10);
        Assert.Equal(0.0, report.PerClass["c"].F1, 10);
        var expectedMacroF1 = (2.0 / 3 + 2.0 / 3 + 0) / 3;
        Assert.Equal(expectedMacroF1, report.MacroF1, 10);
        Assert.Equal((2.0 / 3 + 1 + 0) / 3, report.MacroAccuracy, 10);
        Assert.Equal([2, 1, 0], report.Confusion.Matrix[0]);
        Assert.Equal(-Math.Log(0.8) * 3 / 5 + -Math.Log(0.1) * 2 / 5, report.LogLoss, 10);
        Assert.Equal(3, report.ByLanguage.Count);
        Assert.Equal(2, report.ByLanguage["en"].Rows);
    }

    [Fact]
    public void Rows_with_labels_the_model_does_not_know_are_counted_not_dropped()
    {
        var report = TopicModelEvaluator.Summarize(Labels, [Scored("a", "a"), Scored("zzz", "a")]);
        Assert.Equal(1, report.Rows);
        Assert.Equal(1, report.UnknownLabelRows);
    }

    [Fact]
    public void Ranking_renormalizes_and_breaks_ties_by_label_order()
    {
        var ranked = TopicLabelSet.FromLabels(["a", "b", "c"]).Rank([0.2f, 0.2f, 0.4f]);
        Assert.Equal(["c", "a", "b"], ranked.Ranked.Select(r => r.Label));
        Assert.Equal([0.5, 0.25, 0.25], ranked.Ranked.Select(r => Math.Round(r.Probability, 6)));
    }

    [Fact]
    public void Ranking_treats_non_finite_scores_as_zero()
    {
        var ranked = TopicLabelSet.FromLabels(["a", "b"]).Rank([float.NaN, 2f]);
        Assert.Equal("b", ranked.Label);
        Assert.Equal(1.0, ranked.Confidence);
    }
}
