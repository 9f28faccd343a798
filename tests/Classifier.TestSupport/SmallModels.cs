using Classifier.Core.Data;
using Classifier.Core.Models;
using Classifier.Core.Training;

namespace Classifier.TestSupport;

/// <summary>
/// Two small models trained once per test run on a sample of the corpus: one with the four topics, one on
/// the same articles with other label names, so a test can tell which model answered.
/// </summary>
public sealed class SmallModels : IDisposable
{
    public const int PerLabel = 25;

    private readonly TempDirectory _directory = new();

    public SmallModels()
    {
        var sample = TestCorpus.TrainSample(PerLabel);
        TopicModelPath = Train(sample, "topics");
        RelabelledModelPath = Train(TestCorpus.Relabel(sample, label => "renamed_" + label), "renamed");
        OffTopicModelPath = Train(TestCorpus.TrainSample(PerLabel, offTopic: true), "off-topic", calibrationFolds: 3);
        TrainData = TestCorpus.WriteTsv(_directory.File("train-small.tsv"), sample);
    }

    /// <summary>A model of the four topics.</summary>
    public string TopicModelPath { get; }

    /// <summary>A model whose labels are the topics prefixed with "renamed_".</summary>
    public string RelabelledModelPath { get; }

    /// <summary>A model of the four topics and the off-topic label, with scores calibrated on 3 folds.</summary>
    public string OffTopicModelPath { get; }

    /// <summary>The small training file the models were trained on.</summary>
    public string TrainData { get; }

    public static IReadOnlyList<string> RelabelledLabels(IEnumerable<string> topics) => topics.Select(t => "renamed_" + t).ToList();

    private string Train(IReadOnlyList<LabelledArticle> articles, string name, int calibrationFolds = 0)
    {
        var data = TestCorpus.WriteTsv(_directory.File($"{name}.tsv"), articles);
        var path = _directory.File($"{name}.zip");
        TopicModelTrainingRun.Run(new TrainingRequest(data, null, path, TrainingOptions.Default, name, calibrationFolds));
        return path;
    }

    /// <summary>Copies a model to <paramref name="target"/> the safe way: a temporary file renamed into place.</summary>
    public static void ReplaceAtomically(string source, string target)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.Copy(source, temporary);
        File.Move(temporary, target, overwrite: true);
    }

    public void Dispose() => _directory.Dispose();
}
