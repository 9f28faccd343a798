using System.Net;
using System.Text;
using System.Text.Json;
using Classifier.Core.Evaluation;
using Classifier.Core.Models;

namespace Classifier.Reporting;

/// <summary>
/// Writes an evaluation as a folder people can open: the plots as PNG files, the numbers as <c>report.json</c>,
/// and an <c>index.html</c> that shows both. Files are written whole and then renamed, so a reader never sees half a report.
/// </summary>
public static class EvaluationReportWriter
{
    public const string ConfusionFile = "confusion.png";
    public const string ReliabilityFile = "reliability.png";
    public const string LanguageFile = "f1-by-language.png";
    public const string LengthFile = "f1-by-length.png";
    public const string OffTopicFile = "off-topic-threshold.png";
    public const string JsonFile = "report.json";
    public const string IndexFile = "index.html";

    /// <summary>Writes the report into <paramref name="folder"/> (created if needed) and returns the path of its index.html.</summary>
    public static string Write(string folder, EvaluationReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        SavePng(folder, ConfusionFile, EvaluationPlots.Confusion(report.Confusion));
        SavePng(folder, ReliabilityFile, EvaluationPlots.Reliability(report.Calibration));
        SavePng(folder, LanguageFile, EvaluationPlots.GroupBars("Macro-F1 by language", "language", report.ByLanguage));
        SavePng(folder, LengthFile, EvaluationPlots.GroupBars("Macro-F1 by length", "length (short < 400 characters, medium < 1,000, full ≤ 5,000, long)", report.ByLength));
        SavePng(folder, OffTopicFile, EvaluationPlots.OffTopicTradeOff(report.OffTopicCurve, report.OffTopic.Threshold));
        WriteText(folder, JsonFile, JsonSerializer.Serialize(report, TopicModelMetadata.JsonOptions));
        WriteText(folder, IndexFile, Html(report, title));
        return Path.Combine(folder, IndexFile);
    }

    private static void SavePng(string folder, string name, ScottPlot.Plot plot) =>
        AtomicFile.Write(Path.Combine(folder, name), temporary => plot.SavePng(temporary, EvaluationPlots.Width, EvaluationPlots.Height));

    private static void WriteText(string folder, string name, string content) => AtomicFile.WriteAllText(Path.Combine(folder, name), content);

    /// <summary>Enough wrong answers to see their pattern; all of them are in the JSON.</summary>
    public const int ReportedMistakes = 100;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Html(EvaluationReport report, string title)
    {
        var html = new StringBuilder();
        void Table(SummaryTable table, string? cssClass = null)
        {
            html.Append(cssClass is null ? "<table>" : $"<table class=\"{cssClass}\">").Append("<caption>").Append(E(table.Title)).Append("</caption><thead><tr>");
            foreach (var h in table.Header)
            {
                html.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
            }

            html.Append("</tr></thead><tbody>");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                for (var i = 0; i < row.Count; i++)
                {
                    html.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(E(row[i])).Append(i == 0 ? "</th>" : "</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table>\n");
        }

        void Figure(string file, string alt, string caption) =>
            html.Append("<figure><img src=\"").Append(file).Append("\" alt=\"").Append(E(alt)).Append("\" width=\"")
                .Append(EvaluationPlots.Width).Append("\" height=\"").Append(EvaluationPlots.Height).Append("\"><figcaption>")
                .Append(E(caption)).Append("</figcaption></figure>\n");

        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation: ").Append(E(title)).Append("</title>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:1500px;margin:1.5rem auto;padding:0 1rem;color:#1b1b1b}")
            .Append("section{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}table{border-collapse:collapse;margin:.5rem 0 1.5rem}")
            .Append("caption{font-weight:600;text-align:left;padding:.3rem 0}th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}")
            .Append("th[scope=row],thead th{text-align:left;background:#f3f3f3}.mistakes td:last-child{text-align:left;max-width:60rem}figure{margin:0}img{max-width:100%;height:auto;border:1px solid #ddd}")
            .Append("</style></head><body>\n<h1>Evaluation</h1>\n<p>").Append(E(title)).Append("</p>\n<h2>Summary</h2>\n<section>\n");
        Table(EvaluationSummary.Overall(report, "Numbers"));
        Table(EvaluationSummary.Answers(report));
        Table(EvaluationSummary.PerLabel(report));
        html.Append("</section>\n<h2>Confusion matrix</h2>\n<section>\n");
        Figure(ConfusionFile, "Heat map of the confusion matrix: true labels down, predicted labels across.", "Rows: true label; columns: the answer. Shade: share of the row.");
        Table(EvaluationSummary.Confusion(report));
        html.Append("</section>\n<h2>Calibration</h2>\n<section>\n");
        Figure(ReliabilityFile, "Reliability diagram: accuracy per confidence bin against the diagonal.", "Among answers given with a confidence, the share that was right.");
        Table(EvaluationSummary.Reliability(report));
        html.Append("</section>\n<h2>Languages and lengths</h2>\n<section>\n");
        Figure(LanguageFile, "Bar chart of macro-F1 by language.", "Macro-F1 by language.");
        Figure(LengthFile, "Bar chart of macro-F1 by length band.", "Macro-F1 by length band.");
        Table(EvaluationSummary.ByLanguage(report));
        Table(EvaluationSummary.ByLength(report));
        html.Append("</section>\n<h2>Off-topic threshold</h2>\n<section>\n");
        Figure(OffTopicFile, "Line chart: off-topic recall, on-topic articles lost and topic macro-F1 as the off-topic threshold moves.", "What moving the off-topic threshold does: 'other' is answered when the article's off-topic probability reaches it.");
        Table(EvaluationSummary.OffTopicCurve(report));
        html.Append("</section>\n<h2>Wrong answers</h2>\n<section>\n");
        Table(EvaluationSummary.Mistakes(report, ReportedMistakes), "mistakes");
        html.Append("</section>\n<p>The numbers are also in <a href=\"").Append(JsonFile).Append("\">").Append(JsonFile).Append("</a>.</p>\n</body></html>\n");
        return html.ToString();
    }
}
