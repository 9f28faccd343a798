using System.Globalization;

namespace Classifier.Core.Evaluation;

/// <summary>The headline measures of an evaluation as labelled, formatted rows: one list for the console tables and the HTML report.</summary>
public static class EvaluationSummary
{
    public static string Format(double? value) =>
        value is not { } v || double.IsNaN(v) ? "n/a" : v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<(string Measure, string Value)> Overall(EvaluationReport report) =>
    [
        ("articles", Count(report.Rows)),
        ("macro-F1", Format(report.MacroF1)),
        ("macro-F1 on the topics (on-topic articles)", Format(report.TopicsMacroF1)),
        ("micro-accuracy", Format(report.MicroAccuracy)),
        ("macro-accuracy", Format(report.MacroAccuracy)),
        ("log-loss", Format(report.LogLoss)),
        ("expected calibration error (ECE)", Format(report.Calibration.ExpectedCalibrationError)),
        ("rows with an unknown label", Count(report.UnknownLabelRows)),
    ];

    public static IReadOnlyList<(string Measure, string Value)> Answers(EvaluationReport report)
    {
        var offTopic = report.OffTopic;
        var secondary = report.Secondary;
        return
        [
            ($"off-topic articles ('{offTopic.Label}')", Count(offTopic.Rows)),
            ("off-topic recall (answered off-topic)", Format(offTopic.Recall)),
            ("off-topic precision", Format(offTopic.Precision)),
            ("on-topic articles answered off-topic", Format(offTopic.OnTopicAnsweredOther)),
            ("off-topic threshold", Format(offTopic.Threshold)),
            ("secondary topics found", $"{Format(secondary.Recall)} ({Count(secondary.Found)} of {Count(secondary.Topics)} in {Count(secondary.Rows)} articles)"),
            ("listed topics that are main or secondary", $"{Format(secondary.ListedPrecision)} (of {Count(secondary.Listed)})"),
            ("topic threshold", Format(secondary.Threshold)),
        ];
    }
}
