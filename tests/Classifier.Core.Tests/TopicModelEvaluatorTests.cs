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
        return new ScoredArticle(new LabelledArticle(truth, "text", 1, lang), TopicScorer.Decide(ranked, ranked, AnswerPolicy.Default with { TopicThreshold = 0.2 }));
    }

    [Fact]
    public void Metrics_come_from_the_confusion_matrix()
    {
        // a: 2 right, 1 called b; b: 1 right; c: 1 called a.
        var report = TopicModelEvaluator.Summarize(Labels, [Scored("a", "a", "ru"), Scored("a", "a", "ru"), Scored("a", "b", "kk"), Scored("b", "b", "en"), Scored("c", "a", "en")], AnswerPolicy.Default);
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
        var report = TopicModelEvaluator.Summarize(Labels, [Scored("a", "a"), Scored("zzz", "a")], AnswerPolicy.Default);
        Assert.Equal(1, report.Rows);
        Assert.Equal(1, report.UnknownLabelRows);
    }

    [Fact]
    public void Ranking_renormalizes_and_breaks_ties_by_label_order()
    {
        var ranked = TopicLabelSet.FromLabels(["a", "b", "c"]).Rank([0.2f, 0.2f, 0.4f]);
        Assert.Equal(["c", "a", "b"], ranked.Select(r => r.Label));
        Assert.Equal([0.5, 0.25, 0.25], ranked.Select(r => Math.Round(r.Probability, 6)));
    }

    [Fact]
    public void Ranking_treats_non_finite_scores_as_zero()
    {
        var ranked = TopicLabelSet.FromLabels(["a", "b"]).Rank([float.NaN, 2f]);
        Assert.Equal("b", ranked[0].Label);
        Assert.Equal(1.0, ranked[0].Probability);
    }

    private static ScoredArticle Answered(string truth, string? secondary, params (string Label, double Probability)[] scores)
    {
        var ranked = scores.Select(s => new TopicScore(s.Label, s.Probability)).OrderByDescending(s => s.Probability).ToList();
        var article = new LabelledArticle(truth, new string('x', 500), 1, "ru", secondary is null ? null : [secondary]);
        return new ScoredArticle(article, TopicScorer.Decide(ranked, ranked, AnswerPolicy.Default with { TopicThreshold = 0.2 }));
    }

    private static readonly string[] WithOther = ["a", "b", "other"];

    [Fact]
    public void Off_topic_precision_recall_and_lost_on_topic_articles_are_reported()
    {
        ScoredArticle[] scored =
        [
            Answered("other", null, ("other", 0.9), ("a", 0.05), ("b", 0.05)),
            Answered("other", null, ("other", 0.7), ("a", 0.2), ("b", 0.1)),
            Answered("other", null, ("a", 0.6), ("other", 0.3), ("b", 0.1)),
            Answered("a", null, ("a", 0.9), ("other", 0.05), ("b", 0.05)),
            Answered("b", null, ("other", 0.5), ("b", 0.4), ("a", 0.1)),
            Answered("b", null, ("b", 0.8), ("a", 0.1), ("other", 0.1)),
        ];
        var report = TopicModelEvaluator.Summarize(WithOther, scored, AnswerPolicy.Default);
        Assert.Equal(3, report.OffTopic.Rows);
        Assert.Equal(2.0 / 3, report.OffTopic.Recall!.Value, 10);
        Assert.Equal(2.0 / 3, report.OffTopic.Precision!.Value, 10);
        Assert.Equal(3, report.OffTopic.OnTopicRows);
        Assert.Equal(1.0 / 3, report.OffTopic.OnTopicAnsweredOther!.Value, 10);

        // On the three on-topic articles: a 1/1 right, b 1 of 2 (the other went off-topic): F1 a = 1, b = 2/3.
        Assert.Equal((1 + 2.0 / 3) / 2, report.TopicsMacroF1, 10);
    }

    [Fact]
    public void The_threshold_curve_replays_the_answers_and_catches_fewer_off_topic_articles_as_it_rises()
    {
        ScoredArticle[] scored =
        [
            Answered("other", null, ("a", 0.45), ("b", 0.3), ("other", 0.25)),
            Answered("other", null, ("b", 0.55), ("a", 0.45)),
            Answered("a", null, ("a", 0.95), ("b", 0.05)),
        ];
        var curve = TopicModelEvaluator.Summarize(WithOther, scored, AnswerPolicy.Default).OffTopicCurve;
        // Off-topic probabilities: 0.25 (the class's own), 0.45 (1 − 0.55, no class score) and 0.05 for the on-topic one.
        ThresholdPoint At(double threshold) => curve.Single(p => Math.Abs(p.Threshold - threshold) < 1e-9);
        Assert.Equal(0.05, curve[0].Threshold);
        Assert.Equal(1.0, curve[^1].Threshold);
        Assert.Equal(1.0, At(0.05).OffTopicRecall);
        Assert.Equal(1.0, At(0.05).OnTopicAnsweredOther);
        Assert.Equal(1.0, At(0.25).OffTopicRecall);
        Assert.Equal(0.0, At(0.25).OnTopicAnsweredOther);
        Assert.Equal(0.5, At(0.3).OffTopicRecall);
        Assert.Equal(0.0, At(0.5).OffTopicRecall);
        Assert.True(curve.Zip(curve.Skip(1)).All(p => p.Second.OffTopicRecall <= p.First.OffTopicRecall));
    }

    [Fact]
    public void Secondary_topics_are_found_when_the_answer_lists_them()
    {
        ScoredArticle[] scored =
        [
            Answered("a", "b", ("a", 0.6), ("b", 0.35), ("other", 0.05)),
            Answered("a", "b", ("a", 0.9), ("b", 0.08), ("other", 0.02)),
            Answered("b", null, ("b", 0.7), ("a", 0.3)),
        ];
        var secondary = TopicModelEvaluator.Summarize(WithOther, scored, AnswerPolicy.Default).Secondary;
        Assert.Equal(2, secondary.Rows);
        Assert.Equal(2, secondary.Topics);
        Assert.Equal(1, secondary.Found);
        Assert.Equal(0.5, secondary.Recall);

        // Two extra topics listed (b for the first, a for the third); only the first is a secondary topic.
        Assert.Equal(2, secondary.Listed);
        Assert.Equal(0.5, secondary.ListedPrecision);
    }

    [Fact]
    public void Calibration_error_is_the_row_weighted_gap_between_confidence_and_accuracy()
    {
        // Bin 0.9–1.0: confidences 0.95 and 0.95, one right → gap 0.45; bin 0.6–0.7: 0.65, right → gap 0.35.
        ScoredArticle[] scored =
        [
            Answered("a", null, ("a", 0.95), ("b", 0.05)),
            Answered("b", null, ("a", 0.95), ("b", 0.05)),
            Answered("a", null, ("a", 0.65), ("b", 0.35)),
        ];
        var calibration = TopicModelEvaluator.Summarize(WithOther, scored, AnswerPolicy.Default).Calibration;
        Assert.Equal((2 * 0.45 + 0.35) / 3, calibration.ExpectedCalibrationError, 10);
        Assert.Equal(TopicModelEvaluator.ReliabilityBins, calibration.Bins.Count);
        Assert.Equal(2, calibration.Bins[9].Rows);
        Assert.Equal(0.5, calibration.Bins[9].Accuracy);
        Assert.Equal(1, calibration.Bins[6].Rows);
    }

    [Fact]
    public void Length_bands_are_reported()
    {
        var shortOne = Answered("a", null, ("a", 0.9), ("b", 0.1));
        shortOne = shortOne with { Article = shortOne.Article with { Text = "short" } };
        var report = TopicModelEvaluator.Summarize(WithOther, [shortOne, Answered("b", null, ("b", 0.9), ("a", 0.1))], AnswerPolicy.Default);
        Assert.Equal(["short", "medium"], report.ByLength.Keys);
        Assert.Equal(1, report.ByLength["short"].Rows);
    }

    [Fact]
    public void Wrong_answers_are_listed_most_confident_first_with_their_line_and_a_one_line_excerpt()
    {
        ScoredArticle At(int line, string text, ScoredArticle scored) => scored with { Article = scored.Article with { Line = line, Text = text } };
        ScoredArticle[] scored =
        [
            At(2, "right", Answered("a", null, ("a", 0.9), ("b", 0.1))),
            At(3, "unsure\n\nwrong", Answered("a", null, ("b", 0.6), ("a", 0.4))),
            At(4, "sure  and\twrong " + new string('y', 300), Answered("b", null, ("a", 0.95), ("b", 0.05))),
        ];

        var mistakes = TopicModelEvaluator.Summarize(WithOther, scored, AnswerPolicy.Default).Mistakes!;

        Assert.Equal([4, 3], mistakes.Select(m => m.Line));
        Assert.Equal(("b", "a", 0.95), (mistakes[0].Label, mistakes[0].Answer, mistakes[0].Confidence));
        Assert.Equal("sure and wrong…", mistakes[0].Excerpt);
        Assert.Equal("unsure wrong", mistakes[1].Excerpt);
    }

    [Fact]
    public void An_excerpt_cuts_a_single_overlong_word()
    {
        Assert.Equal(new string('z', 10) + "…", TopicModelEvaluator.Excerpt(new string('z', 50), 10));
    }
}
