using System.IO.Compression;
using System.Text;
using Classifier.Core.Prediction;
using Classifier.Core.Training;
using Microsoft.ML;

namespace Classifier.Core.Models;

/// <summary>A model as loaded from disk, with the scorer its metadata asks for.</summary>
public sealed record LoadedTopicModel(ITransformer Model, TopicModelMetadata? Metadata, TopicScorer Scorer)
{
    public TopicLabelSet Labels => Scorer.Labels;
}

/// <summary>
/// Saves and loads model files so that a reader never sees a half-written model: every write goes to a
/// temporary file in the same folder, is checked by loading it back, and is renamed over the target
/// (an atomic rename on one file system). The model replaced is kept as <c>*.previous.zip</c> for rollback.
/// </summary>
public static class TopicModelStore
{
    /// <summary>The entry inside the model zip that holds the metadata; ML.NET ignores entries it does not know.</summary>
    public const string MetadataEntry = "TopicModel/metadata.json";

    public static string MetadataPathFor(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    public static string PreviousPathFor(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, Path.GetFileNameWithoutExtension(modelPath) + ".previous" + Path.GetExtension(modelPath));

    public static void Save(TrainedTopicModel trained, TopicModelMetadata metadata, string modelPath)
    {
        var fullPath = Path.GetFullPath(modelPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = AtomicFile.TemporaryPathFor(fullPath);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                trained.Context.Model.Save(trained.Model, ArticleSchema.Input, stream);
                stream.Flush(flushToDisk: true);
            }

            using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Update))
            {
                var entry = zip.CreateEntry(MetadataEntry, CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(metadata.ToJson());
            }

            AtomicFile.FlushToDisk(temporary);

            // Never replace a working model with a file that does not load and predict.
            Load(temporary);
            KeepPrevious(fullPath);
            File.Move(temporary, fullPath, overwrite: true);
            AtomicFile.WriteAllText(MetadataPathFor(fullPath), metadata.ToJson());
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public static LoadedTopicModel Load(string modelPath, MLContext? ml = null)
    {
        ml ??= TopicModelTrainer.CreateContext(TrainingOptions.DefaultSeed);
        ITransformer model;
        using (var stream = File.OpenRead(modelPath))
        {
            model = ml.Model.Load(stream, out _);
        }

        Probe(ml, model);
        var metadata = ReadMetadata(modelPath);
        return new LoadedTopicModel(model, metadata, TopicScorer.For(model, metadata));
    }

    /// <summary>Reads the metadata stored inside a model zip, or null for a model saved without it.</summary>
    public static TopicModelMetadata? ReadMetadata(string modelPath)
    {
        using var stream = File.OpenRead(modelPath);
        return ReadMetadata(stream);
    }

    /// <summary>Reads the metadata from a model zip's bytes, or null for a model saved without it.</summary>
    public static TopicModelMetadata? ReadMetadata(Stream model)
    {
        using var zip = new ZipArchive(model, ZipArchiveMode.Read, leaveOpen: true);
        var entry = zip.GetEntry(MetadataEntry);
        if (entry is null)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return TopicModelMetadata.FromJson(reader.ReadToEnd());
    }

    /// <summary>Swaps the model with the one it replaced; running it twice undoes it.</summary>
    public static void Rollback(string modelPath)
    {
        var fullPath = Path.GetFullPath(modelPath);
        var previous = PreviousPathFor(fullPath);
        if (!File.Exists(previous))
        {
            throw new FileNotFoundException($"There is no previous model to roll back to ({previous}).", previous);
        }

        Load(previous);
        var current = AtomicFile.TemporaryPathFor(fullPath);
        File.Copy(previous, current);
        AtomicFile.FlushToDisk(current);
        KeepPrevious(fullPath);
        File.Move(current, fullPath, overwrite: true);
        var metadata = ReadMetadata(fullPath);
        if (metadata is not null)
        {
            AtomicFile.WriteAllText(MetadataPathFor(fullPath), metadata.ToJson());
        }
    }

    private static void KeepPrevious(string fullPath)
    {
        if (!File.Exists(fullPath))
        {
            return;
        }

        var previous = PreviousPathFor(fullPath);
        AtomicFile.Write(previous, temporary => File.Copy(fullPath, temporary));
        var metadata = MetadataPathFor(fullPath);
        if (File.Exists(metadata))
        {
            AtomicFile.WriteAllText(MetadataPathFor(previous), File.ReadAllText(metadata));
        }
    }

    private static void Probe(MLContext ml, ITransformer model)
    {
        var engine = ml.Model.CreatePredictionEngine<ArticleInput, TopicPrediction>(model);
        var prediction = engine.Predict(new ArticleInput { Text = "probe" });
        if (prediction.Score.Length == 0 || string.IsNullOrEmpty(prediction.PredictedLabel))
        {
            throw new InvalidOperationException("The model gave no prediction for a probe text.");
        }
    }
}
