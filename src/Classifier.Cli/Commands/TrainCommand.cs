using System.CommandLine;
using System.Globalization;
using Classifier.Core.Prediction;
using Classifier.Core.Training;
using Spectre.Console;

namespace Classifier.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = CommonOptions.Data(CommonOptions.DefaultTrainData, "Labelled training data (.tsv, .csv or .jsonl).");
        var test = new Option<string?>("--test")
        {
            Description = "Labelled test data to evaluate the new model on; 'none' to skip.",
            DefaultValueFactory = _ => CommonOptions.DefaultTestData,
        };
        var trainer = CommonOptions.Trainer();
        var featurizer = CommonOptions.Featurizer();
        var model = CommonOptions.Model();
        var seed = CommonOptions.Seed();
        var calibrationFolds = new Option<int>("--calibration-folds")
        {
            Description = "Folds of held-out predictions on the training data that the score calibration is fitted on; 0 leaves scores uncalibrated.",
            DefaultValueFactory = _ => TrainingRequest.DefaultCalibrationFolds,
        };
        var topicThreshold = CommonOptions.TopicThreshold();
        topicThreshold.Description = $"The topic threshold to record in the model's .json (default: {AnswerPolicy.DefaultTopicThreshold}).";
        var offTopicThreshold = CommonOptions.OffTopicThreshold();
        offTopicThreshold.Description = "The off-topic threshold to record in the model's .json (default: chosen on the calibration folds so that "
            + $"{(TrainingRequest.DefaultOffTopicTargetRecall * 100).ToString(CultureInfo.InvariantCulture)}% of the off-topic training articles are answered 'other').";
        var command = new Command("train", "Fit a model on labelled data, evaluate it and save it atomically (the old model is kept as *.previous.zip).")
        {
            data, test, trainer, featurizer, model, seed, calibrationFolds, topicThreshold, offTopicThreshold,
        };
        command.SetAction(parse =>
        {
            var testPath = parse.GetValue(test);
            if (string.Equals(testPath, "none", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(testPath))
            {
                testPath = null;
            }

            var folds = parse.GetValue(calibrationFolds);
            if (folds is < 0 or 1)
            {
                throw new CliInputException($"--calibration-folds must be 0 (no calibration) or at least 2, not {folds}.");
            }

            var request = new TrainingRequest(
                parse.GetValue(data)!,
                testPath,
                parse.GetValue(model)!,
                CommonOptions.ToTrainingOptions(parse.GetValue(trainer)!, parse.GetValue(featurizer)!, parse.GetValue(seed)),
                CalibrationFolds: folds,
                OffTopicThreshold: parse.GetValue(offTopicThreshold),
                TopicThreshold: parse.GetValue(topicThreshold));
            return Run(console, request);
        });
        return command;
    }

    private static int Run(CliConsole console, TrainingRequest request)
    {
        TrainingOutcome? outcome = null;
        console.Error.Status().Start("Reading data", context =>
        {
            var progress = new SynchronousProgress<TrainingStep>(step =>
            {
                var text = step switch
                {
                    TrainingStep.ReadingData => "Reading data",
                    TrainingStep.Calibrating => $"Calibrating scores on {request.CalibrationFolds}-fold held-out predictions",
                    TrainingStep.Fitting => $"Featurizing and fitting ({request.Options.Trainer.ToName()}, {request.Options.Featurizer.Name})",
                    TrainingStep.Evaluating => "Evaluating on the test data",
                    _ => "Saving the model",
                };
                context.Status(text);
            });
            outcome = TopicModelTrainingRun.Run(request, progress);
        });

        foreach (var warning in outcome!.Warnings)
        {
            console.Error.MarkupLineInterpolated($"[yellow]warning:[/] {warning.ToString()}");
        }

        var metadata = outcome.Metadata;
        console.Out.MarkupLineInterpolated($"Saved [bold]{request.ModelPath}[/] (version {metadata.Version}), trained in {metadata.TrainingSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s on {metadata.TrainingData.Rows} articles.");
        if (metadata.TestMetrics is { } report)
        {
            ReportTables.WriteEvaluation(console.Out, report, $"Test data: {metadata.TestData!.Path}");
        }

        return CliApp.ExitOk;
    }
}

/// <summary>Reports on the calling thread: <see cref="Progress{T}"/> posts to the thread pool, which would reorder lines.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
