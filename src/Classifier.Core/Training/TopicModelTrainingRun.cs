using Classifier.Core.Data;
using Classifier.Core.Evaluation;
using Classifier.Core.Models;
using Classifier.Core.Prediction;

namespace Classifier.Core.Training;

/// <summary>What <c>train</c> is asked to do.</summary>
/// <param name="CalibrationFolds">Folds of out-of-fold predictions the score calibration is fitted on; below 2, scores are not calibrated.</param>
/// <param name="OffTopicThreshold">
/// The off-topic threshold saved with the model; null to choose it on the calibration folds (the highest that
/// keeps <paramref name="OffTopicTargetRecall"/> of the off-topic articles), or the default without them.
/// </param>
/// <param name="TopicThreshold">The topic threshold saved with the model; null for the default.</param>
public sealed record TrainingRequest(
    string DataPath,
    string? TestPath,
    string ModelPath,
    TrainingOptions Options,
    string ModelName = "topic-model",
    int CalibrationFolds = TrainingRequest.DefaultCalibrationFolds,
    double? OffTopicThreshold = null,
    double? TopicThreshold = null,
    double OffTopicTargetRecall = TrainingRequest.DefaultOffTopicTargetRecall)
{
    public const int DefaultCalibrationFolds = 5;

    /// <summary>Above the 0.9 the analysts asked for, so that the threshold chosen on training folds holds on new articles.</summary>
    public const double DefaultOffTopicTargetRecall = 0.95;
}

/// <summary>What a training run produced.</summary>
public sealed record TrainingOutcome(TopicModelMetadata Metadata, IReadOnlyList<DataWarning> Warnings);

/// <summary>The steps a training run goes through, for progress displays.</summary>
public enum TrainingStep
{
    ReadingData,
    Calibrating,
    Fitting,
    Evaluating,
    Saving,
}

/// <summary>
/// Reads the data, fits, evaluates on the test file and saves the model with its metadata. Every data
/// problem is found before anything is fitted, and nothing is written unless the whole run succeeds.
/// </summary>
public static class TopicModelTrainingRun
{
    public static TrainingOutcome Run(TrainingRequest request, IProgress<TrainingStep>? progress = null, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        progress?.Report(TrainingStep.ReadingData);
        var train = LabelledDataReader.Read(request.DataPath);
        var test = request.TestPath is null ? null : LabelledDataReader.Read(request.TestPath);
        var warnings = train.Warnings.Concat(test?.Warnings ?? []).ToList();

        var labels = train.RowsPerLabel.Keys.ToList();
        var answers = AnswerPolicy.DefaultFor(labels).With(request.OffTopicThreshold, request.TopicThreshold);
        var calibration = ScoreCalibration.None;
        if (request.CalibrationFolds >= 2)
        {
            progress?.Report(TrainingStep.Calibrating);
            var heldOut = CrossValidator.OutOfFold(train.Articles, request.Options, request.CalibrationFolds);
            calibration = CrossValidator.FitCalibration(heldOut, labels, request.CalibrationFolds);
            if (request.OffTopicThreshold is null)
            {
                answers = answers with
                {
                    OffTopicThreshold = CrossValidator.ChooseOffTopicThreshold(heldOut, labels, calibration, answers, request.OffTopicTargetRecall),
                };
            }
        }

        progress?.Report(TrainingStep.Fitting);
        var trained = TopicModelTrainer.Fit(train.Articles, request.Options);
        var scorer = new TopicScorer(TopicLabelSet.FromModel(trained.Model), calibration, answers);

        EvaluationReport? report = null;
        if (test is not null)
        {
            progress?.Report(TrainingStep.Evaluating);
            // The model's description carries measures, not excerpts of the test articles; `evaluate` lists those.
            report = TopicModelEvaluator.Evaluate(trained.Context, trained.Model, scorer, test.Articles) with { Mistakes = null };
        }

        progress?.Report(TrainingStep.Saving);
        var trainedAt = clock.GetUtcNow();
        var metadata = new TopicModelMetadata(
            request.ModelName,
            TopicModelMetadata.MakeVersion(trainedAt, train.Sha256),
            trained.Labels,
            request.Options.Trainer.ToName(),
            request.Options.Featurizer,
            request.Options.Seed,
            Describe(train),
            test is null ? null : Describe(test),
            trainedAt,
            Math.Round(trained.Duration.TotalSeconds, 2),
            report)
        {
            Calibration = calibration,
            Answers = answers,
        };
        TopicModelStore.Save(trained, metadata, request.ModelPath);
        return new TrainingOutcome(metadata, warnings);
    }

    private static DataFileInfo Describe(LabelledDataSet data) =>
        new(ToPortablePath(data.Path), data.Sha256, data.Articles.Count, data.RowsPerLabel);

    /// <summary>Paths are recorded relative to the working folder when inside it, so metadata does not leak a machine's layout.</summary>
    private static string ToPortablePath(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFileName(path) : relative.Replace('\\', '/');
    }
}
