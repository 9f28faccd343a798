using System.CommandLine;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Classifier.Core.Training;

namespace Classifier.Cli.Commands;

/// <summary>Options that several commands share, with the same names and defaults everywhere.</summary>
internal static class CommonOptions
{
    public const string DefaultTrainData = "training-data/train.tsv";
    public const string DefaultTestData = "training-data/test.tsv";
    public const string DefaultModel = "models/topic-model.zip";

    public static Option<string> Data(string defaultPath, string description) => new("--data")
    {
        Description = description,
        DefaultValueFactory = _ => defaultPath,
    };

    public static Option<string> Model() => new("--model")
    {
        Description = "Path of the model file (.zip).",
        DefaultValueFactory = _ => DefaultModel,
    };

    public static Option<string> Trainer() => new("--trainer")
    {
        Description = $"Trainer: {string.Join(", ", TrainerKinds.All.Select(k => k.ToName()))}.",
        DefaultValueFactory = _ => TrainerKinds.Default.ToName(),
    };

    public static Option<string> Featurizer() => new("--featurizer")
    {
        Description = $"Featurizer preset: {string.Join(", ", FeaturizerSettings.Presets.Select(p => p.Name))}.",
        DefaultValueFactory = _ => FeaturizerSettings.Default.Name,
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "Random seed; the same data and seed give the same model and metrics.",
        DefaultValueFactory = _ => TrainingOptions.DefaultSeed,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON object on standard output instead of tables.",
    };

    public static Option<double?> TopicThreshold() => new("--topic-threshold")
    {
        Description = $"List every topic with at least this probability beside the answer (default: the one recorded in the model's .json, else {AnswerPolicy.DefaultTopicThreshold}).",
    };

    public static Option<double?> OffTopicThreshold() => new("--off-topic-threshold")
    {
        Description = $"Answer 'other' when the article's off-topic probability is at least this; 1: never (default: the one `train` chose and recorded in the model's .json, else {AnswerPolicy.DefaultOffTopicThreshold}).",
    };

    /// <summary>The scorer of a loaded model, with the thresholds given on the command line.</summary>
    public static TopicScorer Scorer(LoadedTopicModel loaded, double? offTopicThreshold, double? topicThreshold) =>
        new(loaded.Labels, loaded.Scorer.Calibration, Policy(loaded.Scorer.Policy, offTopicThreshold, topicThreshold));

    /// <summary><paramref name="policy"/> with the thresholds given on the command line.</summary>
    public static AnswerPolicy Policy(AnswerPolicy policy, double? offTopicThreshold, double? topicThreshold)
    {
        try
        {
            return policy.With(offTopicThreshold, topicThreshold);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    public static TrainingOptions ToTrainingOptions(string trainer, string featurizer, int seed)
    {
        try
        {
            return new TrainingOptions(TrainerKinds.Parse(trainer), FeaturizerSettings.FromName(featurizer), seed);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    public static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: {what} not found.");
        }
    }
}
