using Classifier.Core.Prediction;
using Classifier.Core.Training;
using Classifier.TestSupport;

namespace Classifier.Core.Tests;

public class TopicExplainerTests
{
    private static readonly Lazy<TrainedTopicModel> Hashed = new(() =>
        TopicModelTrainer.Fit(TestCorpus.TrainSample(20), new TrainingOptions(TrainerKind.Lbfgs, FeaturizerSettings.Default)));

    [Theory]
    [InlineData("hashed-lead")]
    [InlineData("hashed-lead-actor-blind")]
    [InlineData("hashed-actor-blind")]
    [InlineData("hashed-subject")]
    public void Contributions_rebuild_exactly_the_model_probabilities(string featurizer)
    {
        var trained = featurizer == FeaturizerSettings.Default.Name
            ? Hashed.Value
            : TopicModelTrainer.Fit(TestCorpus.TrainSample(20), new TrainingOptions(TrainerKind.Lbfgs, FeaturizerSettings.FromName(featurizer)));
        var explainer = TopicExplainer.TryCreate(trained.Model, out var reason) ?? throw new InvalidOperationException(reason);
        var engine = trained.Context.Model.CreatePredictionEngine<ArticleInput, TopicPrediction>(trained.Model);
        foreach (var article in TestCorpus.TestSample(3))
        {
            var model = explainer.Labels.Rank(engine.Predict(new ArticleInput { Text = article.Text }).Score);
            var explained = explainer.Explain(article.Text);
            foreach (var topic in explained)
            {
                Assert.Equal(model.Single(r => r.Label == topic.Label).Probability, topic.Probability, 1e-5);
            }
        }
    }

    [Fact]
    public void With_a_calibration_the_contributions_rebuild_the_calibrated_probabilities()
    {
        var calibration = new ScoreCalibration(ScoreCalibration.TemperatureMethod, 0.7, "test", 1);
        var model = Hashed.Value.Model;
        var explainer = TopicExplainer.TryCreate(model, calibration, out var reason) ?? throw new InvalidOperationException(reason);
        var scorer = new TopicScorer(TopicLabelSet.FromModel(model), calibration, AnswerPolicy.Default);
        var engine = Hashed.Value.Context.Model.CreatePredictionEngine<ArticleInput, TopicPrediction>(model);
        var article = TestCorpus.TestSample(1)[0].Text;
        var calibrated = scorer.Rank(engine.Predict(new ArticleInput { Text = article }).Score);
        foreach (var topic in explainer.Explain(article))
        {
            Assert.Equal(calibrated.Single(r => r.Label == topic.Label).Probability, topic.Probability, 4);
        }
    }

    [Fact]
    public void Terms_point_at_the_words_as_written_in_the_text()
    {
        var explainer = TopicExplainer.TryCreate(Hashed.Value.Model, out _)!;
        const string text = "Пограничники ЗАДЕРЖАЛИ нарушителя. Шекара қызметі бекетте. Talks in Kabul!";
        foreach (var term in explainer.Explain(text, top: 50).SelectMany(e => e.Up.Concat(e.Down)))
        {
            foreach (var offset in term.Offsets)
            {
                var written = text.Substring(offset[0], offset[1]);
                Assert.Equal(Text.TextNormalizer.Normalize(term.Term), Text.TextNormalizer.Normalize(written));
                Assert.False(char.IsWhiteSpace(written[0]) || char.IsWhiteSpace(written[^1]), $"'{written}' is not trimmed");
            }
        }
    }

    [Fact]
    public void The_winning_topic_has_terms_pushing_it_up()
    {
        var explainer = TopicExplainer.TryCreate(Hashed.Value.Model, out _)!;
        var article = TestCorpus.TestSample(1).First(a => a.Label == "border_security");
        var winner = explainer.Explain(article.Text)[0];
        Assert.NotEmpty(winner.Up);
        Assert.True(winner.Up[0].Weight > 0);
        Assert.True(winner.Up.Zip(winner.Up.Skip(1)).All(p => p.First.Weight >= p.Second.Weight));
    }

    [Fact]
    public void A_model_without_hashed_features_says_why_it_cannot_be_explained()
    {
        var stock = TopicModelTrainer.Fit(TestCorpus.TrainSample(5), new TrainingOptions(TrainerKind.Sdca, FeaturizerSettings.Folded));
        Assert.Null(TopicExplainer.TryCreate(stock.Model, out var reason));
        Assert.Contains("hashed featurizer", reason, StringComparison.Ordinal);
    }
}
