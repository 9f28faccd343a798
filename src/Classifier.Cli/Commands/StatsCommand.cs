using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Classifier.Core.Data;
using Spectre.Console;

namespace Classifier.Cli.Commands;

internal static class StatsCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Description = "Data files to describe.", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var command = new Command("stats", "Articles per topic, language and length band in data files.") { files, json };
        command.SetAction(parse =>
        {
            var results = new Dictionary<string, CorpusStatistics>(StringComparer.Ordinal);
            foreach (var path in parse.GetValue(files)!)
            {
                var data = LabelledDataReader.Read(path);
                foreach (var warning in data.Warnings)
                {
                    console.Error.MarkupLineInterpolated($"[yellow]warning:[/] {warning.ToString()}");
                }

                results[path] = CorpusStatistics.Compute(data.Articles);
            }

            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(JsonSerializer.Serialize(results, ReportTables.Json));
                return CliApp.ExitOk;
            }

            foreach (var (path, stats) in results)
            {
                Write(console.Out, path, stats);
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, string path, CorpusStatistics stats)
    {
        string Share(int count) => $"{count} ({(stats.Rows == 0 ? 0 : 100.0 * count / stats.Rows).ToString("0.0", CultureInfo.InvariantCulture)}%)";
        var languages = stats.ByLanguage.Keys.ToList();
        var table = new Table().Title($"{Markup.Escape(path)}: {stats.Rows} articles, mean length {stats.MeanLength.ToString("0", CultureInfo.InvariantCulture)} characters");
        table.AddColumn("topic");
        foreach (var language in languages)
        {
            table.AddColumn(new TableColumn(Markup.Escape(language)).RightAligned());
        }

        table.AddColumn(new TableColumn("all").RightAligned());
        foreach (var (label, byLanguage) in stats.ByLabelAndLanguage)
        {
            var cells = new List<string> { Markup.Escape(label) };
            cells.AddRange(languages.Select(l => byLanguage.TryGetValue(l, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "0"));
            cells.Add(stats.ByLabel[label].ToString(CultureInfo.InvariantCulture));
            table.AddRow(cells.ToArray());
        }

        var totals = new List<string> { "[bold]all[/]" };
        totals.AddRange(languages.Select(l => Share(stats.ByLanguage[l])));
        totals.Add(stats.Rows.ToString(CultureInfo.InvariantCulture));
        table.AddRow(totals.ToArray());
        console.Write(table);

        var lengths = new Table().AddColumns("length band", "characters", "articles");
        lengths.AddRow("short (headline + lead)", $"< {CorpusStatistics.ShortBelow}", Share(stats.ByLength[LengthBand.Short]));
        lengths.AddRow("medium", $"{CorpusStatistics.ShortBelow}-{CorpusStatistics.FullFrom - 1}", Share(stats.ByLength[LengthBand.Medium]));
        lengths.AddRow("full article", $"{CorpusStatistics.FullFrom}-{CorpusStatistics.LongAbove}", Share(stats.ByLength[LengthBand.Full]));
        lengths.AddRow("long page", $"> {CorpusStatistics.LongAbove}", Share(stats.ByLength[LengthBand.Long]));
        console.Write(lengths);
    }
}
