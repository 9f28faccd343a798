using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Classifier.Core.Data;
using Classifier.Core.Evaluation;
using Spectre.Console;

namespace Classifier.Cli.Commands;

internal static class CrossValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var data = CommonOptions.Data(CommonOptions.DefaultTrainData, "Labelled data to cross-validate on.");
        var folds = new Option<int>("--folds") { Description = "Number of folds (at least 2).", DefaultValueFactory = _ => 5 };
        var trainer = CommonOptions.Trainer();
        var featurizer = CommonOptions.Featurizer();
        var seed = CommonOptions.Seed();
        var json = CommonOptions.Json();
        var command = new Command("cross-validate", "Stratified k-fold cross-validation: mean and spread of macro-F1.")
        {
            data, folds, trainer, featurizer, seed, json,
        };
        command.SetAction(parse =>
        {
            var foldCount = parse.GetValue(folds);
            if (foldCount < 2)
            {
                throw new CliInputException($"--folds must be at least 2 (got {foldCount}).");
            }

            var options = CommonOptions.ToTrainingOptions(parse.GetValue(trainer)!, parse.GetValue(featurizer)!, parse.GetValue(seed));
            var dataSet = LabelledDataReader.Read(parse.GetValue(data)!);
            CrossValidationResult? result = null;
            console.Error.Progress().AutoRefresh(console.Error.Profile.Capabilities.Interactive).Start(context =>
            {
                var task = context.AddTask($"{foldCount}-fold cross-validation", maxValue: foldCount);
                result = CrossValidator.Run(dataSet.Articles, options, foldCount, new SynchronousProgress<int>(done => task.Value = done));
            });

            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(JsonSerializer.Serialize(
                    new { folds = result!.Folds, meanMacroF1 = result.MeanMacroF1, stdMacroF1 = result.StandardDeviationMacroF1 },
                    ReportTables.Json));
                return CliApp.ExitOk;
            }

            var table = new Table().Title($"Cross-validation on {Markup.Escape(dataSet.Path)}").AddColumns("fold", "train rows", "test rows", "macro-F1", "accuracy");
            foreach (var fold in result!.Folds)
            {
                table.AddRow(fold.Fold.ToString(CultureInfo.InvariantCulture), fold.TrainRows.ToString(CultureInfo.InvariantCulture), fold.TestRows.ToString(CultureInfo.InvariantCulture), ReportTables.F(fold.MacroF1), ReportTables.F(fold.MicroAccuracy));
            }

            console.Out.Write(table);
            console.Out.MarkupLineInterpolated($"macro-F1: [bold]{ReportTables.F(result.MeanMacroF1)}[/] ± {ReportTables.F(result.StandardDeviationMacroF1)} (mean ± standard deviation over {foldCount} folds)");
            return CliApp.ExitOk;
        });
        return command;
    }
}
