using Classifier.Core.Evaluation;
using Classifier.Core.Training;
using Classifier.TestSupport;

namespace Classifier.Core.Tests;

public class CrossValidatorTests
{
    [Fact]
    public void Folds_are_stratified_by_label()
    {
        var articles = TestCorpus.TrainSample(10);
        var folds = CrossValidator.AssignFolds(articles, 5, seed: 7);
        for (var fold = 0; fold < 5; fold++)
        {
            var perLabel = articles.Where((_, i) => folds[i] == fold).GroupBy(a => a.Label).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(4, perLabel.Count);
            Assert.All(perLabel.Values, count => Assert.Equal(2, count));
        }
    }

    [Fact]
    public void Cross_validation_reports_every_fold_and_the_spread()
    {
        var result = CrossValidator.Run(TestCorpus.TrainSample(12), TrainingOptions.Default, 3);
        Assert.Equal(3, result.Folds.Count);
        Assert.All(result.Folds, f => Assert.InRange(f.MacroF1, 0, 1));
        Assert.Equal(result.Folds.Average(f => f.MacroF1), result.MeanMacroF1, 10);
        Assert.True(result.StandardDeviationMacroF1 >= 0);
    }

    [Fact]
    public void Out_of_fold_predictions_cover_every_article_once_and_are_the_same_on_every_run()
    {
        var articles = TestCorpus.TrainSample(8);
        var first = CrossValidator.OutOfFold(articles, TrainingOptions.Default, 4);
        var second = CrossValidator.OutOfFold(articles, TrainingOptions.Default, 4);
        Assert.Equal(articles.Count, first.Count);
        Assert.Equal(articles.Select(a => a.Line).Order(), first.Select(p => p.Article.Line).Order());
        Assert.Equal(
            first.Select(p => (p.Fold, p.Article.Line, string.Join(",", p.Ranked.Select(r => $"{r.Label}:{r.Probability:R}")))),
            second.Select(p => (p.Fold, p.Article.Line, string.Join(",", p.Ranked.Select(r => $"{r.Label}:{r.Probability:R}")))));
    }
}
