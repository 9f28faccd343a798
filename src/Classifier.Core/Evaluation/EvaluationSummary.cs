using System.Globalization;

namespace Classifier.Core.Evaluation;

/// <summary>A table of an evaluation, already formatted: the console and the HTML report draw the same ones.</summary>
public sealed record SummaryTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>The tables of an evaluation as labelled, formatted rows.</summary>
public static class EvaluationSummary
{
    public static string Format(double? value) =>
        value is not { } v || double.IsNaN(v) ? "n/a" : v.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static SummaryTable Overall(EvaluationReport report, string title) => Measures(
        title,
        [
            ("articles", Count(report.Rows)),
            ("macro-F1", Format(report.MacroF1)),
            ("macro-F1 on the topics (on-topic articles)", Format(report.TopicsMacroF1)),
            ("micro-accuracy", Format(report.MicroAccuracy)),
            ("macro-accuracy", Format(report.MacroAccuracy)),
            ("log-loss", Format(report.LogLoss)),
            ("expected calibration error (ECE)", Format(report.Calibration.ExpectedCalibrationError)),
            ("rows with an unknown label", Count(report.UnknownLabelRows)),
        ]);

    public static SummaryTable Answers(EvaluationReport report)
    {
        var offTopic = report.OffTopic;
        var secondary = report.Secondary;
        return Measures(
            "Off-topic answers and secondary topics",
            [
                ($"off-topic articles ('{offTopic.Label}')", Count(offTopic.Rows)),
                ("off-topic recall (answered off-topic)", Format(offTopic.Recall)),
                ("off-topic precision", Format(offTopic.Precision)),
                ("on-topic articles answered off-topic", Format(offTopic.OnTopicAnsweredOther)),
                ("off-topic threshold", Format(offTopic.Threshold)),
                ("secondary topics found", $"{Format(secondary.Recall)} ({Count(secondary.Found)} of {Count(secondary.Topics)} in {Count(secondary.Rows)} articles)"),
                ("listed topics that are main or secondary", $"{Format(secondary.ListedPrecision)} (of {Count(secondary.Listed)})"),
                ("topic threshold", Format(secondary.Threshold)),
            ]);
    }

    public static SummaryTable PerLabel(EvaluationReport report) => new(
        "Per label",
        ["label", "precision", "recall", "F1", "support"],
        report.PerClass.Select(p => Row(p.Key, Format(p.Value.Precision), Format(p.Value.Recall), Format(p.Value.F1), Count(p.Value.Support))).ToList());

    /// <summary>Rows are the true labels, columns the answers; the first cell of a row is its label.</summary>
    public static SummaryTable Confusion(EvaluationReport report)
    {
        var labels = report.Confusion.Labels;
        return new(
            "Confusion matrix (rows: true label, columns: predicted)",
            ["true \\ predicted", .. labels],
            labels.Select((label, r) => (IReadOnlyList<string>)[label, .. report.Confusion.Matrix[r].Select(Count)]).ToList());
    }

    public static SummaryTable ByLanguage(EvaluationReport report) => Groups("By language", "language", report.ByLanguage);

    public static SummaryTable ByLength(EvaluationReport report) =>
        Groups("By length (short < 400 characters, medium < 1,000, full ≤ 5,000, long)", "length", report.ByLength);

    public static SummaryTable Reliability(EvaluationReport report) => new(
        $"Reliability (temperature {Format(report.Calibration.Temperature)})",
        ["confidence", "answers", "mean confidence", "accuracy"],
        report.Calibration.Bins.Where(b => b.Rows > 0)
            .Select(b => Row($"{Format(b.From)}–{Format(b.To)}", Count(b.Rows), Format(b.Confidence), Format(b.Accuracy)))
            .ToList());

    public static SummaryTable OffTopicCurve(EvaluationReport report) => new(
        "Off-topic threshold",
        ["threshold", "off-topic recall", "on-topic answered other", "topics macro-F1"],
        report.OffTopicCurve.Select(p => Row(Format(p.Threshold), Format(p.OffTopicRecall), Format(p.OnTopicAnsweredOther), Format(p.TopicsMacroF1))).ToList());

    /// <summary>The <paramref name="count"/> most confident wrong answers, with where to find them in the data file.</summary>
    public static SummaryTable Mistakes(EvaluationReport report, int count)
    {
        var mistakes = report.Mistakes ?? [];
        return new(
            mistakes.Count <= count
                ? $"Wrong answers ({Count(mistakes.Count)})"
                : $"The {Count(count)} most confident of {Count(mistakes.Count)} wrong answers",
            ["line", "label", "answer", "confidence", "article"],
            mistakes.Take(count).Select(m => Row(Count(m.Line), m.Label, m.Answer, Format(m.Confidence), m.Excerpt)).ToList());
    }

    private static SummaryTable Groups(string title, string name, IReadOnlyDictionary<string, GroupMetrics> groups) => new(
        title,
        [name, "articles", "macro-F1", "accuracy"],
        groups.Select(g => Row(g.Key, Count(g.Value.Rows), Format(g.Value.MacroF1), Format(g.Value.MicroAccuracy))).ToList());

    private static SummaryTable Measures(string title, IReadOnlyList<(string Measure, string Value)> rows) =>
        new(title, ["measure", "value"], rows.Select(r => Row(r.Measure, r.Value)).ToList());

    private static IReadOnlyList<string> Row(params string[] cells) => cells;
}
