using Classifier.Core.Models;
using Classifier.Core.Training;
using Classifier.TestSupport;

namespace Classifier.Core.Tests;

public sealed class TopicModelStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private TrainingOutcome Train(string modelPath, Func<string, string>? rename = null, int seed = TrainingOptions.DefaultSeed)
    {
        var articles = TestCorpus.TrainSample(12);
        var data = TestCorpus.WriteTsv(_directory.File($"train-{Guid.NewGuid():N}.tsv"), rename is null ? articles : TestCorpus.Relabel(articles, rename));
        return TopicModelTrainingRun.Run(new TrainingRequest(data, null, modelPath, TrainingOptions.Default with { Seed = seed }));
    }

    [Fact]
    public void Save_writes_the_model_and_the_same_metadata_inside_and_beside_it()
    {
        var path = _directory.File("m.zip");
        var outcome = Train(path);
        var inside = TopicModelStore.ReadMetadata(path)!;
        var beside = TopicModelMetadata.FromJson(File.ReadAllText(TopicModelStore.MetadataPathFor(path)));
        Assert.Equal(outcome.Metadata.Version, inside.Version);
        Assert.Equal(inside.ToJson(), beside.ToJson());
        Assert.Equal(["afghanistan", "border_security", "diplomacy", "terrorism"], inside.Labels);
        Assert.Equal(48, inside.TrainingData.Rows);
        Assert.Equal(12, inside.TrainingData.RowsPerLabel["terrorism"]);
        Assert.Equal(TrainerKinds.Default.ToName(), inside.Trainer);
        Assert.Empty(Directory.GetFiles(_directory.Path, ".*tmp*"));
    }

    [Fact]
    public void Saving_again_keeps_the_old_model_as_previous_and_rollback_swaps_them()
    {
        var path = _directory.File("m.zip");
        var first = Train(path);
        var second = Train(path, label => "x_" + label);
        var previous = TopicModelStore.PreviousPathFor(path);
        Assert.Equal(first.Metadata.Version, TopicModelStore.ReadMetadata(previous)!.Version);
        Assert.Equal(second.Metadata.Labels, TopicModelStore.Load(path).Labels.Labels);

        TopicModelStore.Rollback(path);
        Assert.Equal(first.Metadata.Labels, TopicModelStore.Load(path).Labels.Labels);
        Assert.Equal(first.Metadata.Version, TopicModelMetadata.FromJson(File.ReadAllText(TopicModelStore.MetadataPathFor(path))).Version);
        Assert.Equal(second.Metadata.Labels, TopicModelStore.Load(previous).Labels.Labels);
    }

    [Fact]
    public void Rollback_without_a_previous_model_fails_and_leaves_the_model_alone()
    {
        var path = _directory.File("m.zip");
        Train(path);
        var before = File.ReadAllBytes(path);
        Assert.Throws<FileNotFoundException>(() => TopicModelStore.Rollback(path));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_failed_training_run_writes_nothing()
    {
        var path = _directory.File("m.zip");
        Train(path);
        var before = File.ReadAllBytes(path);
        var bad = _directory.File("bad.tsv");
        File.WriteAllText(bad, "label\ttext\nterrorism\tok\ndiplomacy\t\n");
        Assert.ThrowsAny<Exception>(() => TopicModelTrainingRun.Run(new TrainingRequest(bad, null, path, TrainingOptions.Default)));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(TopicModelStore.PreviousPathFor(path)));
    }

    [Fact]
    public void Loading_a_file_that_is_not_a_model_fails()
    {
        var path = _directory.File("junk.zip");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        Assert.ThrowsAny<Exception>(() => TopicModelStore.Load(path));
    }
}
