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

    /// <summary>The most confident wrong answers are the ones worth reading first; <c>--json</c> and <c>--report</c> list more.</summary>
    private const int ConsoleMistakes = 10;

    public static string F(double? value) => EvaluationSummary.Format(value);

    /// <summary>A summary table as a console table.</summary>
    private static Table Render(SummaryTable summary, Func<int, int, bool>? bold = null)
    {
        var table = new Table().Title(Markup.Escape(summary.Title));
        foreach (var column in summary.Header)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var (row, r) in summary.Rows.Select((row, r) => (row, r)))
        {
            table.AddRow(row.Select((cell, c) => bold?.Invoke(r, c) == true ? $"[bold]{Markup.Escape(cell)}[/]" : Markup.Escape(cell)).ToArray());
        }

        return table;
    }

    public static void WriteEvaluation(IAnsiConsole console, EvaluationReport report, string title)
    {
        console.Write(Render(EvaluationSummary.Overall(report, title)));
        console.Write(Render(EvaluationSummary.Answers(report)));
        console.Write(Render(EvaluationSummary.PerLabel(report)));

        // The diagonal, the right answers, in bold.
        console.Write(Render(EvaluationSummary.Confusion(report), (row, column) => column == row + 1));

        if (report.ByLanguage.Count > 1 || report.ByLanguage.Keys.Any(k => k != "unknown"))
        {
            console.Write(Render(EvaluationSummary.ByLanguage(report)));
        }

        console.Write(Render(EvaluationSummary.ByLength(report)));
        console.Write(Render(EvaluationSummary.Reliability(report)));
        if (report.Mistakes is { Count: > 0 })
        {
            console.Write(Render(EvaluationSummary.Mistakes(report, ConsoleMistakes)));
        }
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
