using Classifier.Core.Data;
using Classifier.Core.Evaluation;
using Classifier.Core.Prediction;
using Classifier.Core.Training;
using Classifier.TestSupport;

namespace Classifier.Core.Tests;

public class TopicModelTrainerTests
{
    private static readonly IReadOnlyList<LabelledArticle> Train = TestCorpus.TrainSample(20);
    private static readonly IReadOnlyList<LabelledArticle> Test = TestCorpus.TestSample(10);

    [Fact]
    public void Same_data_and_seed_give_the_same_metrics_and_scores()
    {
        var first = TopicModelTrainer.Fit(Train, TrainingOptions.Default);
        var second = TopicModelTrainer.Fit(Train, TrainingOptions.Default);
        var a = TopicModelEvaluator.Score(first.Context, first.Model, TopicScorer.Uncalibrated(first.Model), Test);
        var b = TopicModelEvaluator.Score(second.Context, second.Model, TopicScorer.Uncalibrated(second.Model), Test);
        Assert.Equal(a.Select(s => s.Answer.Ranked.Select(r => r.Probability)), b.Select(s => s.Answer.Ranked.Select(r => r.Probability)));
        Assert.Equal(TopicModelEvaluator.Summarize(first.Labels, a, AnswerPolicy.Default), TopicModelEvaluator.Summarize(second.Labels, b, AnswerPolicy.Default), new ReportComparer());
    }

    [Fact]
    public void The_label_set_comes_from_the_data()
    {
        var articles = TestCorpus.Relabel(Train, label => label == "terrorism" ? "security" : "politics");
        var trained = TopicModelTrainer.Fit(articles, TrainingOptions.Default);
        Assert.Equal(["politics", "security"], trained.Labels);
        var answer = TopicModelEvaluator.Score(trained.Context, trained.Model, TopicScorer.Uncalibrated(trained.Model), Test.Take(3).ToList());
        Assert.All(answer, s => Assert.Equal(2, s.Answer.Ranked.Count));
    }

    [Theory]
    [InlineData("sdca")]
    [InlineData("lbfgs")]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    public void Every_trainer_fits_a_model_whose_probabilities_sum_to_one(string trainer)
    {
        var options = new TrainingOptions(TrainerKinds.Parse(trainer), FeaturizerSettings.Default);
        var trained = TopicModelTrainer.Fit(Train, options);
        var scored = TopicModelEvaluator.Score(trained.Context, trained.Model, TopicScorer.Uncalibrated(trained.Model), Test);
        Assert.All(scored, s => Assert.Equal(1.0, s.Answer.Ranked.Sum(r => r.Probability), 6));
        var report = TopicModelEvaluator.Summarize(trained.Labels, scored, AnswerPolicy.Default);

        // Far above the 0.25 of guessing among four topics, even on 80 training articles.
        Assert.True(report.MicroAccuracy > 0.4, $"{trainer}: accuracy {report.MicroAccuracy:0.000}");
    }

    [Theory]
    [InlineData("stock")]
    [InlineData("folded")]
    [InlineData("folded-lead")]
    [InlineData("folded-lead-char35")]
    [InlineData("hashed-lead")]
    [InlineData("hashed-lead-actor-blind")]
    [InlineData("hashed-actor-blind")]
    [InlineData("hashed-subject")]
    public void Every_featurizer_preset_trains(string featurizer)
    {
        var trained = TopicModelTrainer.Fit(Train, new TrainingOptions(TrainerKind.Sdca, FeaturizerSettings.FromName(featurizer)));
        Assert.Equal(4, trained.Labels.Count);
    }

    [Fact]
    public void Unknown_trainer_and_featurizer_names_are_rejected_with_the_known_names()
    {
        Assert.Contains("sdca", Assert.Throws<ArgumentException>(() => TrainerKinds.Parse("svm")).Message, StringComparison.Ordinal);
        Assert.Contains("folded-lead", Assert.Throws<ArgumentException>(() => FeaturizerSettings.FromName("bert")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_needs_two_labels()
    {
        var one = TestCorpus.Relabel(Train, _ => "only");
        Assert.Throws<InvalidOperationException>(() => TopicModelTrainer.Fit(one, TrainingOptions.Default));
    }

    [Fact]
    public void A_kazakh_text_in_latin_script_scores_like_its_cyrillic_original()
    {
        var trained = TopicModelTrainer.Fit(Train, TrainingOptions.Default);
        var labels = TopicLabelSet.FromModel(trained.Model);
        var engine = trained.Context.Model.CreatePredictionEngine<ArticleInput, TopicPrediction>(trained.Model);
        var cyrillic = labels.Rank(engine.Predict(new ArticleInput { Text = "Шекара қызметі өткізу пунктінде заңсыз шекара бұзушыны ұстады" }).Score);
        var latin = labels.Rank(engine.Predict(new ArticleInput { Text = "Shekara qyzmeti ótkizý pýnktinde zańsyz shekara buzýshyny ustady" }).Score);
        Assert.Equal(cyrillic, latin);
    }

    private sealed class ReportComparer : IEqualityComparer<EvaluationReport>
    {
        public bool Equals(EvaluationReport? x, EvaluationReport? y) =>
            x is not null && y is not null && x.MacroF1 == y.MacroF1 && x.LogLoss == y.LogLoss && x.MicroAccuracy == y.MicroAccuracy
            && x.Confusion.Matrix.SelectMany(r => r).SequenceEqual(y.Confusion.Matrix.SelectMany(r => r));

        public int GetHashCode(EvaluationReport obj) => obj.Rows;
    }
}
