using Classifier.Core.Data;
using Classifier.Core.Prediction;
using Microsoft.ML;

namespace Classifier.Core.Evaluation;

/// <summary>A labelled article and the model's answer for it.</summary>
public sealed record ScoredArticle(LabelledArticle Article, TopicAnswer Answer);

/// <summary>
/// Scores labelled articles with a model and computes the metrics from the confusion matrix itself
/// (ML.NET's multiclass metrics have no F1, and drop rows whose label the model does not know).
/// </summary>
public static class TopicModelEvaluator
{
    public const int ReliabilityBins = 10;

    private const double MinimumProbability = 1e-15;

    public static IReadOnlyList<ScoredArticle> Score(MLContext ml, ITransformer model, TopicScorer scorer, IReadOnlyList<LabelledArticle> articles)
    {
        var input = ml.Data.LoadFromEnumerable(articles.Select(a => new ArticleInput { Text = a.Text }));
        var predictions = ml.Data.CreateEnumerable<TopicPrediction>(model.Transform(input), reuseRowObject: false);
        return articles.Zip(predictions, (article, prediction) => new ScoredArticle(article, scorer.Answer(prediction.Score, prediction.Touches))).ToList();
    }

    public static EvaluationReport Evaluate(MLContext ml, ITransformer model, TopicScorer scorer, IReadOnlyList<LabelledArticle> articles) =>
        Summarize(scorer, Score(ml, model, scorer, articles));

    public static EvaluationReport Summarize(TopicScorer scorer, IReadOnlyList<ScoredArticle> scored) =>
        Summarize(scorer.Labels.Labels, scored, scorer.Policy, scorer.Calibration.Temperature);

    /// <summary>
    /// The metrics of answers given under <paramref name="policy"/>. The off-topic label counts as known even when
    /// the model has no such class, since the policy can answer it.
    /// </summary>
    public static EvaluationReport Summarize(IReadOnlyList<string> modelLabels, IReadOnlyList<ScoredArticle> scored, AnswerPolicy policy, double temperature = 1)
    {
        var other = policy.OtherLabel;
        var usesOther = modelLabels.Contains(other) || scored.Any(s => s.Article.Label == other || s.Answer.Label == other);
        var labels = usesOther && !modelLabels.Contains(other) ? [.. modelLabels, other] : modelLabels.ToList();
        var index = labels.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i, StringComparer.Ordinal);
        var known = scored.Where(s => index.ContainsKey(s.Article.Label)).ToList();
        var onTopic = known.Where(s => s.Article.Label != other).ToList();
        var all = Compute(labels, index, known, _ => true);
        var logLoss = known.Count == 0
            ? double.NaN
            : known.Average(s => -Math.Log(Math.Max(MinimumProbability, ProbabilityOf(s.Answer, s.Article.Label))));
        return new EvaluationReport(
            known.Count,
            all.MacroF1,
            TopicsMacroF1(labels, index, onTopic, other),
            all.MicroAccuracy,
            all.MacroAccuracy,
            logLoss,
            all.PerClass,
            all.Confusion,
            scored.Count - known.Count,
            Groups(known, s => s.Article.Lang ?? "unknown", labels, index),
            Groups(known, s => CorpusStatistics.BandOf(s.Article.Text).ToString().ToLowerInvariant(), labels, index, key => (int)Enum.Parse<LengthBand>(key, ignoreCase: true)),
            OffTopic(known, policy),
            OffTopicCurve(labels, index, known, policy),
            Calibration(known, temperature),
            Secondary(known, policy),
            Mistakes(known));
    }

    public const int ExcerptLength = 160;

    private static List<MisfiledArticle> Mistakes(IReadOnlyList<ScoredArticle> known) =>
        known.Where(s => s.Answer.Label != s.Article.Label)
            .OrderByDescending(s => s.Answer.Confidence)
            .ThenBy(s => s.Article.Line)
            .Select(s => new MisfiledArticle(s.Article.Line, s.Article.Label, s.Answer.Label, s.Answer.Confidence, Excerpt(s.Article.Text)))
            .ToList();

    /// <summary>The start of <paramref name="text"/> with its whitespace runs made single spaces, cut at a word.</summary>
    public static string Excerpt(string text, int length = ExcerptLength)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var excerpt = new System.Text.StringBuilder();
        foreach (var word in words)
        {
            if (excerpt.Length + word.Length + 1 > length)
            {
                if (excerpt.Length == 0)
                {
                    excerpt.Append(word.AsSpan(0, Math.Min(word.Length, length)));
                }

                return excerpt.Append('…').ToString();
            }

            excerpt.Append(excerpt.Length == 0 ? "" : " ").Append(word);
        }

        return excerpt.ToString();
    }

    /// <summary>The probability the answer gives a label: the model's own for its labels, the answer's for a forced off-topic answer.</summary>
    private static double ProbabilityOf(TopicAnswer answer, string label)
    {
        foreach (var score in answer.Ranked)
        {
            if (score.Label == label)
            {
                return score.Probability;
            }
        }

        return answer.Label == label ? answer.Confidence : 0;
    }

    /// <summary>Metrics per group, in the order <paramref name="rank"/> gives (by name without it); JSON keeps the order.</summary>
    private static Dictionary<string, GroupMetrics> Groups(
        IReadOnlyList<ScoredArticle> known, Func<ScoredArticle, string> key, IReadOnlyList<string> labels, Dictionary<string, int> index, Func<string, int>? rank = null) =>
        known.GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => rank?.Invoke(g.Key) ?? 0)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var group = g.ToList();
                    var metrics = Compute(labels, index, group, _ => true);
                    return new GroupMetrics(group.Count, metrics.MacroF1, metrics.MicroAccuracy);
                },
                StringComparer.Ordinal);

    private static double TopicsMacroF1(IReadOnlyList<string> labels, Dictionary<string, int> index, IReadOnlyList<ScoredArticle> onTopic, string other) =>
        Compute(labels, index, onTopic, label => label != other).MacroF1;

    private static OffTopicMetrics OffTopic(IReadOnlyList<ScoredArticle> known, AnswerPolicy policy)
    {
        var other = policy.OtherLabel;
        var offTopic = known.Count(s => s.Article.Label == other);
        var answeredOther = known.Count(s => s.Answer.Label == other);
        var right = known.Count(s => s.Article.Label == other && s.Answer.Label == other);
        var onTopic = known.Count - offTopic;
        return new OffTopicMetrics(
            other,
            policy.OffTopicThreshold,
            offTopic,
            Ratio(right, offTopic),
            Ratio(right, answeredOther),
            onTopic,
            Ratio(answeredOther - right, onTopic));
    }

    private static List<ThresholdPoint> OffTopicCurve(IReadOnlyList<string> labels, Dictionary<string, int> index, IReadOnlyList<ScoredArticle> known, AnswerPolicy policy)
    {
        // Raising the threshold answers off-topic even where the model and the data never do.
        if (!index.ContainsKey(policy.OtherLabel))
        {
            labels = [.. labels, policy.OtherLabel];
            index = new Dictionary<string, int>(index, StringComparer.Ordinal) { [policy.OtherLabel] = labels.Count - 1 };
        }

        var points = new List<ThresholdPoint>();
        for (var step = 1; step <= 20; step++)
        {
            var threshold = Math.Round(step * 0.05, 2);
            var replayed = known
                .Select(s => s with { Answer = TopicScorer.Decide(s.Answer.Ranked, s.Answer.Touches, policy with { OffTopicThreshold = threshold }) })
                .ToList();
            var metrics = OffTopic(replayed, policy with { OffTopicThreshold = threshold });
            points.Add(new ThresholdPoint(
                threshold,
                metrics.Recall,
                metrics.OnTopicAnsweredOther,
                TopicsMacroF1(labels, index, replayed.Where(s => s.Article.Label != policy.OtherLabel).ToList(), policy.OtherLabel)));
        }

        return points;
    }

    private static CalibrationMetrics Calibration(IReadOnlyList<ScoredArticle> known, double temperature)
    {
        var bins = new List<ReliabilityBin>(ReliabilityBins);
        var error = 0d;
        for (var b = 0; b < ReliabilityBins; b++)
        {
            var from = (double)b / ReliabilityBins;
            var to = (double)(b + 1) / ReliabilityBins;
            var members = known.Where(s => BinOf(s.Answer.Confidence) == b).ToList();
            if (members.Count == 0)
            {
                bins.Add(new ReliabilityBin(from, to, 0, null, null));
                continue;
            }

            var confidence = members.Average(s => s.Answer.Confidence);
            var accuracy = members.Average(s => s.Answer.Label == s.Article.Label ? 1d : 0d);
            error += (double)members.Count / known.Count * Math.Abs(confidence - accuracy);
            bins.Add(new ReliabilityBin(from, to, members.Count, confidence, accuracy));
        }

        return new CalibrationMetrics(error, temperature, bins);
    }

    private static int BinOf(double confidence) => Math.Clamp((int)(confidence * ReliabilityBins), 0, ReliabilityBins - 1);

    private static SecondaryTopicMetrics Secondary(IReadOnlyList<ScoredArticle> known, AnswerPolicy policy)
    {
        int rows = 0, topics = 0, found = 0, listed = 0, listedRight = 0;
        foreach (var s in known)
        {
            var secondary = s.Article.SecondaryLabels;
            if (secondary.Count > 0)
            {
                rows++;
                topics += secondary.Count;
                found += secondary.Count(t => s.Answer.Topics.Any(a => a.Label == t));
            }

            foreach (var extra in s.Answer.Topics.Skip(1))
            {
                listed++;
                if (extra.Label == s.Article.Label || secondary.Contains(extra.Label))
                {
                    listedRight++;
                }
            }
        }

        return new SecondaryTopicMetrics(policy.TopicThreshold, rows, topics, found, Ratio(found, topics), listed, Ratio(listedRight, listed));
    }

    private static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;

    private sealed record Metrics(IReadOnlyDictionary<string, ClassMetrics> PerClass, ConfusionMatrix Confusion, double MacroF1, double MicroAccuracy, double MacroAccuracy);

    /// <summary>The confusion matrix of <paramref name="rows"/> and its metrics; macro averages over the labels <paramref name="averaged"/> selects.</summary>
    private static Metrics Compute(IReadOnlyList<string> labels, Dictionary<string, int> index, IReadOnlyList<ScoredArticle> rows, Func<string, bool> averaged)
    {
        var n = labels.Count;
        var matrix = new int[n][];
        for (var i = 0; i < n; i++)
        {
            matrix[i] = new int[n];
        }

        foreach (var s in rows)
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
            if (!averaged(labels[c]))
            {
                continue;
            }

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

        return new Metrics(
            perClass,
            new ConfusionMatrix(labels, matrix),
            f1s.Count == 0 ? 0 : f1s.Average(),
            rows.Count == 0 ? 0 : (double)correct / rows.Count,
            recalls.Count == 0 ? 0 : recalls.Average());
    }
}
