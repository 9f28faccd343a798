using Classifier.Core.Data;
using Classifier.Core.Prediction;
using Microsoft.ML;

namespace Classifier.Core.Evaluation;

/// <summary>A labelled article and the model's answer for it.</summary>
public sealed record ScoredArticle(LabelledArticle Article, RankedTopics Answer);

/// <summary>
/// Scores labelled articles with a model and computes the metrics from the confusion matrix itself
/// (ML.NET's multiclass metrics have no F1, and drop rows whose label the model does not know).
/// </summary>
public static class TopicModelEvaluator
{
    private const double MinimumProbability = 1e-15;

    public static IReadOnlyList<ScoredArticle> Score(MLContext ml, ITransformer model, IReadOnlyList<LabelledArticle> articles)
    {
        var labelSet = TopicLabelSet.FromModel(model);
        var input = ml.Data.LoadFromEnumerable(articles.Select(a => new ArticleInput { Text = a.Text }));
        var predictions = ml.Data.CreateEnumerable<TopicPrediction>(model.Transform(input), reuseRowObject: false);
        return articles.Zip(predictions, (article, prediction) => new ScoredArticle(article, labelSet.Rank(prediction.Score))).ToList();
    }

    public static EvaluationReport Evaluate(MLContext ml, ITransformer model, IReadOnlyList<LabelledArticle> articles) =>
        Summarize(TopicLabelSet.FromModel(model).Labels, Score(ml, model, articles));

    public static EvaluationReport Summarize(IReadOnlyList<string> modelLabels, IReadOnlyList<ScoredArticle> scored)
    {
        var index = modelLabels.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i, StringComparer.Ordinal);
        var known = scored.Where(s => index.ContainsKey(s.Article.Label)).ToList();
        var (perClass, confusion, macroF1, microAccuracy, macroAccuracy) = Compute(modelLabels, index, known);
        var logLoss = known.Count == 0
            ? double.NaN
            : known.Average(s => -Math.Log(Math.Max(MinimumProbability, s.Answer.Ranked.First(r => r.Label == s.Article.Label).Probability)));
        var byLanguage = known.GroupBy(s => s.Article.Lang ?? "unknown", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var group = g.ToList();
                    var metrics = Compute(modelLabels, index, group);
                    return new GroupMetrics(group.Count, metrics.MacroF1, metrics.MicroAccuracy);
                },
                StringComparer.Ordinal);
        return new EvaluationReport(
            known.Count,
            macroF1,
            microAccuracy,
            macroAccuracy,
            logLoss,
            perClass,
            confusion,
            scored.Count - known.Count,
            byLanguage);
    }

    private static (IReadOnlyDictionary<string, ClassMetrics> PerClass, ConfusionMatrix Confusion, double MacroF1, double MicroAccuracy, double MacroAccuracy) Compute(
        IReadOnlyList<string> labels, Dictionary<string, int> index, IReadOnlyList<ScoredArticle> known)
    {
        var n = labels.Count;
        var matrix = new int[n][];
        for (var i = 0; i < n; i++)
        {
            matrix[i] = new int[n];
        }

        foreach (var s in known)
        {
            matrix[index[s.Article.Label]][index[s.Answer.Label]]++;
        }

        var perClass = new SortedDictionary<string, ClassMetrics>(StringComparer.Ordinal);
        var f1s = new List<double>();
        var recalls = new List<double>();
        var correct = 0;
        for (var c = 0; c < n; c++)
        {
            var truePositives = matrix[c][c];
            correct += truePositives;
            var support = matrix[c].Sum();
            var predicted = Enumerable.Range(0, n).Sum(r => matrix[r][c]);
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[labels[c]] = new ClassMetrics(precision, recall, f1, support);

            // A label absent from the evaluation data has no defined recall; it counts in macro-F1 only if
            // the model wrongly predicted it, so that false alarms are not free.
            if (support > 0 || predicted > 0)
            {
                f1s.Add(f1);
            }

            if (support > 0)
            {
                recalls.Add(recall);
            }
        }

        return (
            perClass,
            new ConfusionMatrix(labels, matrix),
            f1s.Count == 0 ? 0 : f1s.Average(),
            known.Count == 0 ? 0 : (double)correct / known.Count,
            recalls.Count == 0 ? 0 : recalls.Average());
    }
}
