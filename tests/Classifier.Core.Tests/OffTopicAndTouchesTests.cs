using Classifier.Core.Data;
using Classifier.Core.Evaluation;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Classifier.Core.Training;
using Classifier.TestSupport;

namespace Classifier.Core.Tests;

/// <summary>Training with an off-topic class, calibration and the touch models, on small samples of the corpus.</summary>
public sealed class OffTopicAndTouchesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_training_run_fits_the_calibration_on_held_out_folds_and_saves_it_with_the_answer_policy()
    {
        var train = TestCorpus.WriteTsv(_directory.File("train.tsv"), TestCorpus.TrainSample(15, offTopic: true));
        var test = TestCorpus.WriteTsv(_directory.File("test.tsv"), TestCorpus.TestSample(6, offTopic: true));
        var model = _directory.File("m.zip");
        var outcome = TopicModelTrainingRun.Run(new TrainingRequest(train, test, model, TrainingOptions.Default, CalibrationFolds: 3, TopicThreshold: 0.4));

        var calibration = outcome.Metadata.Calibration!;
        Assert.Equal(ScoreCalibration.TemperatureMethod, calibration.Method);
        Assert.Equal(75, calibration.Rows);
        Assert.Contains("3-fold", calibration.FittedOn, StringComparison.Ordinal);
        Assert.NotEqual(1.0, calibration.Temperature);
        var answers = outcome.Metadata.Answers!;
        Assert.Equal(0.4, answers.TopicThreshold);
        Assert.InRange(answers.OffTopicThreshold, 0.05, 0.95);

        var loaded = TopicModelStore.Load(model);
        Assert.Equal(calibration, loaded.Scorer.Calibration);
        Assert.Equal(answers, loaded.Scorer.Policy);
        Assert.Contains(TestCorpus.OffTopic, loaded.Labels.Labels);

        var report = outcome.Metadata.TestMetrics!;
        Assert.Equal(6, report.OffTopic.Rows);
        Assert.Equal(24, report.OffTopic.OnTopicRows);
        Assert.Equal(calibration.Temperature, report.Calibration.Temperature);
        Assert.Equal(0.4, report.Secondary.Threshold);
    }

    [Fact]
    public void Without_calibration_folds_the_scores_are_left_as_the_model_gives_them()
    {
        var train = TestCorpus.WriteTsv(_directory.File("train.tsv"), TestCorpus.TrainSample(10));
        var outcome = TopicModelTrainingRun.Run(new TrainingRequest(train, null, _directory.File("m.zip"), TrainingOptions.Default, CalibrationFolds: 0));
        Assert.Equal(ScoreCalibration.None, outcome.Metadata.Calibration);

        // Trained without off-topic articles, the model never answers off-topic unless told to.
        Assert.Equal(1, outcome.Metadata.Answers!.OffTopicThreshold);
    }

    /// <summary>
    /// Every terrorism article is marked as also touching diplomacy; no other article is. The touch model must
    /// learn exactly that from the secondary column: diplomacy is listed beside terrorism, not beside borders.
    /// </summary>
    [Fact]
    public void The_touch_models_learn_secondary_topics_from_the_secondary_column()
    {
        static IReadOnlyList<LabelledArticle> Mark(IReadOnlyList<LabelledArticle> articles) =>
            articles.Select(a => a with { Secondary = a.Label == "terrorism" ? ["diplomacy"] : [] }).ToList();
        var trained = TopicModelTrainer.Fit(Mark(TestCorpus.TrainSample(25)), TrainingOptions.Default);
        var scorer = new TopicScorer(TopicLabelSet.FromModel(trained.Model), ScoreCalibration.None, AnswerPolicy.Default with { TopicThreshold = 0.5 });
        var scored = TopicModelEvaluator.Score(trained.Context, trained.Model, scorer, Mark(TestCorpus.TestSample(10)));

        double Touch(string label, string topic) =>
            scored.Where(s => s.Article.Label == label).Average(s => s.Answer.Touches.Single(t => t.Label == topic).Probability);
        Assert.True(Touch("terrorism", "diplomacy") > 0.5, $"terrorism → diplomacy {Touch("terrorism", "diplomacy"):0.00}");
        Assert.True(Touch("border_security", "diplomacy") < 0.2, $"border_security → diplomacy {Touch("border_security", "diplomacy"):0.00}");

        var report = TopicModelEvaluator.Summarize(scorer, scored);
        Assert.True(report.Secondary.Recall > 0.6, $"secondary recall {report.Secondary.Recall:0.00}");
        Assert.All(scored, s => Assert.Equal(s.Answer.Label, s.Answer.Topics[0].Label));
    }

    [Fact]
    public void A_model_trained_with_off_topic_articles_answers_other_for_most_of_them()
    {
        var trained = TopicModelTrainer.Fit(TestCorpus.TrainSample(30, offTopic: true), TrainingOptions.Default);
        var scorer = TopicScorer.Uncalibrated(trained.Model);
        var test = TestCorpus.TestSample(15, offTopic: true);
        var report = TopicModelEvaluator.Evaluate(trained.Context, trained.Model, scorer, test);
        Assert.True(report.OffTopic.Recall >= 0.6, $"off-topic recall {report.OffTopic.Recall:0.00}");
        Assert.True(report.OffTopic.OnTopicAnsweredOther <= 0.25, $"on-topic answered other {report.OffTopic.OnTopicAnsweredOther:0.00}");
    }

    [Fact]
    public void The_off_topic_threshold_is_the_highest_that_keeps_the_target_recall_on_held_out_answers()
    {
        static OutOfFoldPrediction Held(string truth, double other) =>
            new(0, new LabelledArticle(truth, "text", 1), [new TopicScore("other", other), new TopicScore("terrorism", 1 - other)]);
        OutOfFoldPrediction[] predictions = [Held("other", 0.9), Held("other", 0.8), Held("other", 0.3), Held("other", 0.2), Held("terrorism", 0.1)];
        string[] labels = ["other", "terrorism"];

        // Half the off-topic articles have an off-topic probability of at least 0.8; three quarters of at least 0.3.
        Assert.Equal(0.8, CrossValidator.ChooseOffTopicThreshold(predictions, labels, ScoreCalibration.None, AnswerPolicy.Default, 0.5));
        Assert.Equal(0.3, CrossValidator.ChooseOffTopicThreshold(predictions, labels, ScoreCalibration.None, AnswerPolicy.Default, 0.75));

        // Without off-topic articles there is nothing to choose on.
        Assert.Equal(
            AnswerPolicy.Default.OffTopicThreshold,
            CrossValidator.ChooseOffTopicThreshold([Held("terrorism", 0.1)], ["terrorism", "diplomacy"], ScoreCalibration.None, AnswerPolicy.Default, 0.5));
    }
}
