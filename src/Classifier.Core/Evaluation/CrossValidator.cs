using Classifier.Core.Data;
using Classifier.Core.Training;

namespace Classifier.Core.Evaluation;

public sealed record FoldResult(int Fold, int TrainRows, int TestRows, double MacroF1, double MicroAccuracy);

public sealed record CrossValidationResult(IReadOnlyList<FoldResult> Folds)
{
    public double MeanMacroF1 => Folds.Average(f => f.MacroF1);

    public double StandardDeviationMacroF1
    {
        get
        {
            var mean = MeanMacroF1;
            return Folds.Count < 2 ? 0 : Math.Sqrt(Folds.Sum(f => (f.MacroF1 - mean) * (f.MacroF1 - mean)) / (Folds.Count - 1));
        }
    }
}

/// <summary>Stratified k-fold cross-validation: every fold holds each label in about the same share.</summary>
public static class CrossValidator
{
    public static CrossValidationResult Run(IReadOnlyList<LabelledArticle> articles, TrainingOptions options, int folds, IProgress<int>? foldDone = null)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least 2 folds.");
        }

        var foldOf = AssignFolds(articles, folds, options.Seed);
        var results = new List<FoldResult>();
        for (var fold = 0; fold < folds; fold++)
        {
            var train = articles.Where((_, i) => foldOf[i] != fold).ToList();
            var test = articles.Where((_, i) => foldOf[i] == fold).ToList();
            var trained = TopicModelTrainer.Fit(train, options);
            var report = TopicModelEvaluator.Evaluate(trained.Context, trained.Model, test);
            results.Add(new FoldResult(fold + 1, train.Count, test.Count, report.MacroF1, report.MicroAccuracy));
            foldDone?.Report(fold + 1);
        }

        return new CrossValidationResult(results);
    }

    internal static int[] AssignFolds(IReadOnlyList<LabelledArticle> articles, int folds, int seed)
    {
        var random = new Random(seed);
        var foldOf = new int[articles.Count];
        foreach (var group in Enumerable.Range(0, articles.Count).GroupBy(i => articles[i].Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
            {
                foldOf[members[k]] = k % folds;
            }
        }

        return foldOf;
    }
}
