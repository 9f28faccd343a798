using System.CommandLine;
using System.Text.Json;
using Classifier.Core.Data;
using Classifier.Core.Evaluation;
using Classifier.Core.Models;
using Classifier.Core.Training;
using Classifier.Reporting;
using Spectre.Console;

namespace Classifier.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = CommonOptions.Model();
        var data = CommonOptions.Data(CommonOptions.DefaultTestData, "Labelled data to evaluate on (.tsv, .csv or .jsonl; a .tsv may name text files in a 'file' column, as seeds/labels.tsv does).");
        var json = CommonOptions.Json();
        var topicThreshold = CommonOptions.TopicThreshold();
        var offTopicThreshold = CommonOptions.OffTopicThreshold();
        var report = new Option<string?>("--report")
        {
            Description = "Also write an HTML report with plots (confusion heat map, reliability diagram, macro-F1 by language and length, off-topic trade-off) into this folder.",
        };
        var command = new Command("evaluate", "Accuracy, macro-F1, per-topic precision/recall/F1, confusion matrix, off-topic precision/recall, calibration error and secondary-topic recall of a model on labelled data.")
        {
            model, data, json, topicThreshold, offTopicThreshold, report,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model)!;
            CommonOptions.RequireFile(modelPath, "model file");
            if (parse.GetValue(report) is { } folder && File.Exists(folder))
            {
                throw new CliInputException($"{folder}: --report needs a folder, and this is a file.");
            }

            var dataSet = LabelledDataReader.Read(parse.GetValue(data)!);
            var ml = TopicModelTrainer.CreateContext(TrainingOptions.DefaultSeed);
            var loaded = TopicModelStore.Load(modelPath, ml);
            var scorer = CommonOptions.Scorer(loaded, parse.GetValue(offTopicThreshold), parse.GetValue(topicThreshold));
            var evaluation = TopicModelEvaluator.Evaluate(ml, loaded.Model, scorer, dataSet.Articles);
            var title = $"{modelPath} on {dataSet.Path}";
            if (parse.GetValue(report) is { } reportFolder)
            {
                var index = EvaluationReportWriter.Write(reportFolder, evaluation, title);
                console.Error.MarkupLineInterpolated($"Report written to [bold]{index}[/]");
            }

            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(JsonSerializer.Serialize(evaluation, ReportTables.Json));
            }
            else
            {
                ReportTables.WriteEvaluation(console.Out, evaluation, title);
            }

            return CliApp.ExitOk;
        });
        return command;
    }
}
