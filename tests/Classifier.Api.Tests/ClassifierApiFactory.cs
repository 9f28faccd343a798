using Classifier.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Classifier.Api.Tests;

[CollectionDefinition(Name)]
public sealed class SmallModelsGroup : ICollectionFixture<SmallModels>
{
    public const string Name = "small models";
}

/// <summary>The real API pipeline, serving a model file of the test's own in a folder of its own.</summary>
public sealed class ClassifierApiFactory(string modelPath, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public string ModelPath => modelPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Classifier:ModelPath", modelPath);
        builder.UseSetting("Classifier:ReloadDebounceMilliseconds", "150");
        builder.UseSetting("Classifier:ReloadPollingSeconds", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A factory serving a private copy of <paramref name="sourceModel"/> (or nothing, when null).</summary>
    public static ClassifierApiFactory Serving(TempDirectory directory, string? sourceModel, IDictionary<string, string?>? settings = null)
    {
        var path = directory.File("topic-model.zip");
        if (sourceModel is not null)
        {
            File.Copy(sourceModel, path, overwrite: true);
        }

        return new ClassifierApiFactory(path, settings);
    }
}
