using System.CommandLine;
using System.Text.Json;
using Classifier.Core.Data;
using Classifier.Core.Evaluation;
using Classifier.Core.Models;
using Classifier.Core.Training;

namespace Classifier.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = CommonOptions.Model();
        var data = CommonOptions.Data(CommonOptions.DefaultTestData, "Labelled data to evaluate on (.tsv, .csv or .jsonl; a .tsv may name text files in a 'file' column, as seeds/labels.tsv does).");
        var json = CommonOptions.Json();
        var command = new Command("evaluate", "Accuracy, macro-F1, log-loss, per-topic precision/recall/F1 and the confusion matrix of a model on labelled data.")
        {
            model, data, json,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model)!;
            CommonOptions.RequireFile(modelPath, "model file");
            var dataSet = LabelledDataReader.Read(parse.GetValue(data)!);
            var ml = TopicModelTrainer.CreateContext(TrainingOptions.DefaultSeed);
            var loaded = TopicModelStore.Load(modelPath, ml);
            var report = TopicModelEvaluator.Evaluate(ml, loaded.Model, dataSet.Articles);
            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(JsonSerializer.Serialize(report, ReportTables.Json));
            }
            else
            {
                ReportTables.WriteEvaluation(console.Out, report, $"{modelPath} on {dataSet.Path}");
            }

            return CliApp.ExitOk;
        });
        return command;
    }
}
