using System.Reflection;

namespace Classifier.TestSupport;

/// <summary>Folders of the repository the tests were built from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TrainingData => Path.Combine(Root, "training-data");

    public static string TrainFile => Path.Combine(TrainingData, "train.tsv");

    public static string TestFile => Path.Combine(TrainingData, "test.tsv");

    public static string Seeds => Path.Combine(Root, "seeds");

    public static string SeedLabels => Path.Combine(Seeds, "labels.tsv");

    public static string ShippedModel => Path.Combine(Root, "models", "topic-model.zip");

    private static string FindRoot()
    {
        var recorded = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Classifier.sln")))
        {
            return Path.GetFullPath(recorded);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Classifier.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder holding Classifier.sln).");
    }
}

/// <summary>A folder under the system's temporary folder, removed with everything in it when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "classifier-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher or a late reader may still hold a file; the OS cleans the temporary folder.
        }
    }
}
