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

    public static string F(double? value) => EvaluationSummary.Format(value);

    private static Table Measures(string title, IReadOnlyList<(string Measure, string Value)> rows)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("measure", "value");
        foreach (var (measure, value) in rows)
        {
            table.AddRow(Markup.Escape(measure), Markup.Escape(value));
        }

        return table;
    }

    public static void WriteEvaluation(IAnsiConsole console, EvaluationReport report, string title)
    {
        console.Write(Measures(title, EvaluationSummary.Overall(report)));
        console.Write(Measures("Off-topic answers and secondary topics", EvaluationSummary.Answers(report)));

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
            console.Write(Groups("By language", "language", report.ByLanguage));
        }

        console.Write(Groups("By length (short < 400 characters, medium < 1,000, full ≤ 5,000, long)", "length", report.ByLength));

        var reliability = new Table().Title($"Reliability (temperature {F(report.Calibration.Temperature)})").AddColumns("confidence", "answers", "mean confidence", "accuracy");
        foreach (var bin in report.Calibration.Bins.Where(b => b.Rows > 0))
        {
            reliability.AddRow($"{F(bin.From)}–{F(bin.To)}", bin.Rows.ToString(CultureInfo.InvariantCulture), F(bin.Confidence), F(bin.Accuracy));
        }

        console.Write(reliability);
    }

    private static Table Groups(string title, string name, IReadOnlyDictionary<string, GroupMetrics> groups)
    {
        var table = new Table().Title(title).AddColumns(name, "rows", "macro-F1", "accuracy");
        foreach (var (key, m) in groups)
        {
            table.AddRow(Markup.Escape(key), m.Rows.ToString(CultureInfo.InvariantCulture), F(m.MacroF1), F(m.MicroAccuracy));
        }

        return table;
    }

    public static void WriteRanked(IAnsiConsole console, TopicAnswer answer)
    {
        console.MarkupLineInterpolated($"label: [bold]{answer.Label}[/] (confidence {F(answer.Confidence)})");
        console.MarkupLineInterpolated($"topics: {string.Join(", ", answer.Topics.Select(t => $"{t.Label} {F(t.Probability)}"))}");
        var table = new Table().AddColumns("label", "probability", "");
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
