using Classifier.Core.Data;
using Classifier.Core.Prediction;
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

/// <summary>An article scored by the model of the fold that did not train on it (uncalibrated probabilities).</summary>
public sealed record OutOfFoldPrediction(int Fold, LabelledArticle Article, IReadOnlyList<TopicScore> Ranked);

/// <summary>Stratified k-fold cross-validation: every fold holds each label in about the same share.</summary>
public static class CrossValidator
{
    public static CrossValidationResult Run(IReadOnlyList<LabelledArticle> articles, TrainingOptions options, int folds, IProgress<int>? foldDone = null)
    {
        var labels = articles.Select(a => a.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var predictions = OutOfFold(articles, options, folds, foldDone);
        var policy = AnswerPolicy.DefaultFor(labels);
        var results = new List<FoldResult>();
        foreach (var fold in predictions.GroupBy(p => p.Fold).OrderBy(g => g.Key))
        {
            var scored = fold.Select(p => new ScoredArticle(p.Article, TopicScorer.Decide(p.Ranked, p.Ranked, policy))).ToList();
            var report = TopicModelEvaluator.Summarize(labels, scored, policy);
            results.Add(new FoldResult(fold.Key + 1, articles.Count - scored.Count, scored.Count, report.MacroF1, report.MicroAccuracy));
        }

        return new CrossValidationResult(results);
    }

    /// <summary>Every article scored by a model fitted on the other folds: held-out predictions for the whole data.</summary>
    public static IReadOnlyList<OutOfFoldPrediction> OutOfFold(IReadOnlyList<LabelledArticle> articles, TrainingOptions options, int folds, IProgress<int>? foldDone = null)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least 2 folds.");
        }

        var foldOf = AssignFolds(articles, folds, options.Seed);
        var perFold = new IReadOnlyList<OutOfFoldPrediction>[folds];
        var done = 0;

        // Each fold is fitted single-threaded in a context of its own, so folds can run side by side and the
        // results are the same as one after another.
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fold =>
        {
            var train = articles.Where((_, i) => foldOf[i] != fold).ToList();
            var test = articles.Where((_, i) => foldOf[i] == fold).ToList();
            var trained = TopicModelTrainer.Fit(train, options, touches: false);
            var scorer = TopicScorer.Uncalibrated(trained.Model);
            perFold[fold] = TopicModelEvaluator.Score(trained.Context, trained.Model, scorer, test)
                .Select(s => new OutOfFoldPrediction(fold, s.Article, s.Answer.Ranked))
                .ToList();
            foldDone?.Report(Interlocked.Increment(ref done));
        });

        return perFold.SelectMany(p => p).ToList();
    }

    /// <summary>
    /// The temperature that calibrates a model trained on all the articles, fitted on the out-of-fold predictions
    /// of models that did not see the articles they scored.
    /// </summary>
    public static ScoreCalibration FitCalibration(IReadOnlyList<OutOfFoldPrediction> predictions, IReadOnlyList<string> labels, int folds)
    {
        var heldOut = predictions.Select(p => (InLabelOrder(p.Ranked, labels), IndexOf(labels, p.Article.Label))).ToList();
        return ScoreCalibration.Fit(heldOut, $"{folds}-fold out-of-fold predictions on the training data");
    }

    /// <summary>
    /// The highest off-topic threshold (so the fewest on-topic articles lost) at which the calibrated out-of-fold
    /// answers still catch <paramref name="targetRecall"/> of the off-topic articles; the policy's own threshold
    /// when the data has no off-topic articles or no threshold reaches the target.
    /// </summary>
    public static double ChooseOffTopicThreshold(
        IReadOnlyList<OutOfFoldPrediction> predictions, IReadOnlyList<string> labels, ScoreCalibration calibration, AnswerPolicy policy, double targetRecall)
    {
        if (!labels.Contains(policy.OtherLabel))
        {
            return policy.OffTopicThreshold;
        }

        var scored = predictions.Select(p =>
        {
            var probabilities = InLabelOrder(p.Ranked, labels);
            calibration.Apply(probabilities);
            var ranked = TopicLabelSet.Order(labels, probabilities);
            return new ScoredArticle(p.Article, TopicScorer.Decide(ranked, ranked, policy));
        }).ToList();
        var curve = TopicModelEvaluator.Summarize(labels, scored, policy).OffTopicCurve;
        return curve.Where(p => p.Threshold < 1 && p.OffTopicRecall >= targetRecall).Select(p => p.Threshold).DefaultIfEmpty(policy.OffTopicThreshold).Max();
    }

    private static double[] InLabelOrder(IReadOnlyList<TopicScore> ranked, IReadOnlyList<string> labels)
    {
        var probabilities = new double[labels.Count];
        foreach (var score in ranked)
        {
            probabilities[IndexOf(labels, score.Label)] = score.Probability;
        }

        return probabilities;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The label '{label}' is not among the model's labels.");
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
