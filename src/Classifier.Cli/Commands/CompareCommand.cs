using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Classifier.Core.Data;
using Classifier.Core.Evaluation;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Classifier.Core.Training;
using Spectre.Console;

namespace Classifier.Cli.Commands;

internal static class CompareCommand
{
    private sealed record Row(string Trainer, string Featurizer, double MacroF1, double MicroAccuracy, double LogLoss, double TrainingSeconds, double ModelMegabytes);

    public static Command Create(CliConsole console)
    {
        var data = CommonOptions.Data(CommonOptions.DefaultTrainData, "Labelled training data.");
        var test = new Option<string>("--test") { Description = "Labelled test data.", DefaultValueFactory = _ => CommonOptions.DefaultTestData };
        var trainers = new Option<string>("--trainers")
        {
            Description = "Comma-separated trainers to compare, or 'all'.",
            DefaultValueFactory = _ => "all",
        };
        var featurizers = new Option<string>("--featurizers")
        {
            Description = "Comma-separated featurizer presets to compare, or 'all'.",
            DefaultValueFactory = _ => FeaturizerSettings.Default.Name,
        };
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var command = new Command("compare", "Every trainer (and featurizer) side by side: macro-F1 on the test data, training time, model size.")
        {
            data, test, trainers, featurizers, seed, json,
        };
        command.SetAction(parse =>
        {
            var trainerKinds = ParseList(parse.GetValue(trainers)!, TrainerKinds.All.Select(k => k.ToName())).Select(TrainerKinds.Parse).ToList();
            var featurizerSettings = ParseList(parse.GetValue(featurizers)!, FeaturizerSettings.Presets.Select(p => p.Name)).Select(FeaturizerSettings.FromName).ToList();
            var train = LabelledDataReader.Read(parse.GetValue(data)!);
            var testSet = LabelledDataReader.Read(parse.GetValue(test)!);
            var rows = new List<Row>();
            var runs = (from f in featurizerSettings from t in trainerKinds select (f, t)).ToList();
            // Redirected output gets one line per finished run instead of a redrawn progress bar.
            console.Error.Progress().AutoRefresh(console.Error.Profile.Capabilities.Interactive).Start(context =>
            {
                var task = context.AddTask("Training and evaluating", maxValue: runs.Count);
                foreach (var (featurizer, trainer) in runs)
                {
                    rows.Add(Measure(train, testSet, new TrainingOptions(trainer, featurizer, parse.GetValue(seed))));
                    task.Increment(1);
                }
            });

            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(JsonSerializer.Serialize(rows, ReportTables.Json));
                return CliApp.ExitOk;
            }

            var table = new Table().Title($"Trained on {Markup.Escape(train.Path)}, tested on {Markup.Escape(testSet.Path)}")
                .AddColumns("trainer", "featurizer", "macro-F1", "accuracy", "log-loss", "training s", "model MB");
            foreach (var row in rows.OrderByDescending(r => r.MacroF1))
            {
                table.AddRow(row.Trainer, row.Featurizer, ReportTables.F(row.MacroF1), ReportTables.F(row.MicroAccuracy), ReportTables.F(row.LogLoss),
                    row.TrainingSeconds.ToString("0.0", CultureInfo.InvariantCulture), row.ModelMegabytes.ToString("0.0", CultureInfo.InvariantCulture));
            }

            console.Out.Write(table);
            return CliApp.ExitOk;
        });
        return command;
    }

    private static Row Measure(LabelledDataSet train, LabelledDataSet test, TrainingOptions options)
    {
        var trained = TopicModelTrainer.Fit(train.Articles, options);
        var report = TopicModelEvaluator.Evaluate(trained.Context, trained.Model, TopicScorer.Uncalibrated(trained.Model), test.Articles);
        var temporary = Path.Combine(Path.GetTempPath(), $"topic-model-compare-{Guid.NewGuid():N}.zip");
        try
        {
            using (var stream = File.Create(temporary))
            {
                trained.Context.Model.Save(trained.Model, Core.Prediction.ArticleSchema.Input, stream);
            }

            return new Row(options.Trainer.ToName(), options.Featurizer.Name, report.MacroF1, report.MicroAccuracy, report.LogLoss,
                trained.Duration.TotalSeconds, new FileInfo(temporary).Length / 1024.0 / 1024.0);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static IEnumerable<string> ParseList(string value, IEnumerable<string> all) =>
        string.Equals(value.Trim(), "all", StringComparison.OrdinalIgnoreCase)
            ? all
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
