using System.Globalization;
using System.Text.Json;
using Classifier.Core.Evaluation;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Spectre.Console;

namespace Classifier.Cli.Commands;

/// <summary>Renders results as console tables, and as JSON for <c>--json</c>.</summary>
internal static class ReportTables
{
    public static readonly JsonSerializerOptions Json = TopicModelMetadata.JsonOptions;

    public static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    public static void WriteEvaluation(IAnsiConsole console, EvaluationReport report, string title)
    {
        var summary = new Table().Title(title).AddColumns("metric", "value");
        summary.AddRow("rows", report.Rows.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("macro-F1", F(report.MacroF1));
        summary.AddRow("micro-accuracy", F(report.MicroAccuracy));
        summary.AddRow("macro-accuracy", F(report.MacroAccuracy));
        summary.AddRow("log-loss", F(report.LogLoss));
        summary.AddRow("rows with an unknown label", report.UnknownLabelRows.ToString(CultureInfo.InvariantCulture));
        console.Write(summary);

        var perClass = new Table().Title("Per topic").AddColumns("topic", "precision", "recall", "F1", "support");
        foreach (var (label, m) in report.PerClass)
        {
            perClass.AddRow(Markup.Escape(label), F(m.Precision), F(m.Recall), F(m.F1), m.Support.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(perClass);

        var confusion = new Table().Title("Confusion matrix (rows: true topic, columns: predicted)");
        confusion.AddColumn("true \\ predicted");
        foreach (var label in report.Confusion.Labels)
        {
            confusion.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
        }

        for (var r = 0; r < report.Confusion.Labels.Count; r++)
        {
            var cells = new List<string> { Markup.Escape(report.Confusion.Labels[r]) };
            cells.AddRange(report.Confusion.Matrix[r].Select((count, c) => r == c ? $"[bold]{count}[/]" : count.ToString(CultureInfo.InvariantCulture)));
            confusion.AddRow(cells.ToArray());
        }

        console.Write(confusion);

        if (report.ByLanguage.Count > 1 || report.ByLanguage.Keys.Any(k => k != "unknown"))
        {
            var languages = new Table().Title("By language").AddColumns("language", "rows", "macro-F1", "accuracy");
            foreach (var (language, m) in report.ByLanguage)
            {
                languages.AddRow(Markup.Escape(language), m.Rows.ToString(CultureInfo.InvariantCulture), F(m.MacroF1), F(m.MicroAccuracy));
            }

            console.Write(languages);
        }
    }

    public static void WriteRanked(IAnsiConsole console, RankedTopics answer)
    {
        console.MarkupLineInterpolated($"label: [bold]{answer.Label}[/] (confidence {F(answer.Confidence)})");
        var table = new Table().AddColumns("topic", "probability", "");
        foreach (var score in answer.Ranked)
        {
            table.AddRow(Markup.Escape(score.Label), F(score.Probability), new string('█', (int)Math.Round(score.Probability * 30)));
        }

        console.Write(table);
    }

    public static void WriteExplanation(IAnsiConsole console, IReadOnlyList<TopicExplanation> explanation)
    {
        var table = new Table().Title("The words behind each score (weights on the topic's logit, relative to the other topics)")
            .AddColumns("topic", "probability", "pushed up", "pushed down");
        static string Terms(IEnumerable<TermContribution> terms) =>
            string.Join("\n", terms.Take(6).Select(t => $"{Markup.Escape(t.Term)} [grey]{t.Weight.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)}[/]"));
        foreach (var topic in explanation)
        {
            table.AddRow(Markup.Escape(topic.Label), F(topic.Probability), Terms(topic.Up), Terms(topic.Down));
        }

        console.Write(table);
    }
}
