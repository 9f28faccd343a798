using Classifier.Core.Prediction;

namespace Classifier.Core.Tests;

public class TopicScorerTests
{
    private static TopicScore[] Ranked(params (string Label, double Probability)[] scores) =>
        scores.Select(s => new TopicScore(s.Label, s.Probability)).OrderByDescending(s => s.Probability).ToArray();

    /// <summary>Decides with touch probabilities equal to the main ones.</summary>
    private static TopicAnswer Decide(TopicScore[] ranked, AnswerPolicy policy) => TopicScorer.Decide(ranked, ranked, policy);

    [Fact]
    public void Listed_topics_come_from_the_touch_probabilities_not_the_main_topic_scores()
    {
        var ranked = Ranked(("diplomacy", 0.9), ("afghanistan", 0.06), ("terrorism", 0.04));
        var touches = Ranked(("diplomacy", 0.95), ("terrorism", 0.7), ("afghanistan", 0.2));
        var answer = TopicScorer.Decide(ranked, touches, AnswerPolicy.Default);
        Assert.Equal("diplomacy", answer.Label);
        Assert.Equal(0.9, answer.Confidence);
        Assert.Equal(["diplomacy", "terrorism"], answer.Topics.Select(t => t.Label));
        Assert.Equal(0.7, answer.Topics[1].Probability);
    }

    [Fact]
    public void The_winner_is_the_answer_and_topics_above_the_threshold_follow_it()
    {
        var answer = Decide(Ranked(("diplomacy", 0.55), ("afghanistan", 0.3), ("terrorism", 0.1), ("border_security", 0.05)), AnswerPolicy.Default with { TopicThreshold = 0.25 });
        Assert.Equal("diplomacy", answer.Label);
        Assert.Equal(0.55, answer.Confidence);
        Assert.Equal(["diplomacy", "afghanistan"], answer.Topics.Select(t => t.Label));
    }

    [Fact]
    public void A_model_that_learned_the_off_topic_label_answers_it_and_lists_no_topic_below_the_threshold()
    {
        var answer = Decide(Ranked(("other", 0.9), ("terrorism", 0.06), ("diplomacy", 0.04)), AnswerPolicy.Default);
        Assert.Equal("other", answer.Label);
        Assert.Equal(0.9, answer.Confidence);
        Assert.Equal(["other"], answer.Topics.Select(t => t.Label));
    }

    [Fact]
    public void The_off_topic_label_is_never_listed_as_a_second_topic()
    {
        var answer = Decide(Ranked(("terrorism", 0.6), ("other", 0.4)), AnswerPolicy.Default);
        Assert.Equal(["terrorism"], answer.Topics.Select(t => t.Label));
    }

    [Fact]
    public void A_model_without_the_off_topic_class_answers_other_when_its_best_topic_is_likely_enough_wrong()
    {
        var ranked = Ranked(("terrorism", 0.4), ("diplomacy", 0.35), ("afghanistan", 0.25));
        var answer = Decide(ranked, AnswerPolicy.Default with { OffTopicThreshold = 0.5, TopicThreshold = 0.2 });
        Assert.Equal("other", answer.Label);
        Assert.Equal(0.6, answer.Confidence, 10);
        Assert.Equal(["other", "terrorism", "diplomacy", "afghanistan"], answer.Topics.Select(t => t.Label));
        Assert.Equal(ranked, answer.Ranked);

        Assert.Equal("terrorism", Decide(ranked, AnswerPolicy.Default with { OffTopicThreshold = 0.7 }).Label);
        Assert.Equal("terrorism", Decide(ranked, AnswerPolicy.DefaultFor(["terrorism", "diplomacy", "afghanistan"])).Label);
    }

    [Fact]
    public void With_the_class_an_off_topic_probability_below_the_threshold_gives_way_to_the_best_topic()
    {
        var ranked = Ranked(("other", 0.45), ("terrorism", 0.35), ("diplomacy", 0.2));
        var answer = Decide(ranked, AnswerPolicy.Default);
        Assert.Equal("terrorism", answer.Label);
        Assert.Equal(0.35, answer.Confidence);
        Assert.Equal("other", Decide(ranked, AnswerPolicy.Default with { OffTopicThreshold = 0.4 }).Label);
        Assert.Equal("terrorism", Decide(Ranked(("other", 0.99), ("terrorism", 0.01)), AnswerPolicy.Default with { OffTopicThreshold = 1 }).Label);
    }

    [Theory]
    [InlineData(-0.1, 0.2)]
    [InlineData(0.5, 1.5)]
    [InlineData(double.NaN, 0.2)]
    public void Thresholds_outside_zero_to_one_are_rejected_with_the_value(double offTopic, double topic)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => AnswerPolicy.Default.With(offTopic, topic));
        Assert.Contains("between 0 and 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scorer_calibrates_before_it_decides()
    {
        var labels = TopicLabelSet.FromLabels(["afghanistan", "terrorism"]);
        var hot = new TopicScorer(labels, new ScoreCalibration(ScoreCalibration.TemperatureMethod, 4, "test", 1), AnswerPolicy.Default with { OffTopicThreshold = 0.3 });
        var cold = new TopicScorer(labels, ScoreCalibration.None, AnswerPolicy.Default with { OffTopicThreshold = 0.3 });
        float[] scores = [0.1f, 0.9f];
        Assert.Equal("terrorism", cold.Answer(scores, []).Label);

        // 0.9^(1/4) / (0.1^(1/4) + 0.9^(1/4)) ≈ 0.63: the best topic is wrong with 0.37, above the threshold.
        Assert.Equal("other", hot.Answer(scores, []).Label);
    }
}
