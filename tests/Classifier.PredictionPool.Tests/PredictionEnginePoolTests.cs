using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Classifier.Core.Text;
using Classifier.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ML;
using Microsoft.ML;

namespace Classifier.PredictionPool.Tests;

[Collection(SmallModelsGroup.Name)]
public sealed class PredictionEnginePoolTests(SmallModels models) : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);
    private static readonly ArticleInput Probe = new() { Text = "Пограничники задержали нарушителя на заставе." };
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string[] Topics => ["afghanistan", "border_security", "diplomacy", "terrorism"];

    private ServiceProvider CreateServices(Action<PredictionEnginePoolBuilder<ArticleInput, TopicPrediction>> configure, TimeSpan? polling = null, bool events = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<MLOptions>(o => TopicTextMapping.Register(o.MLContext));
        services.ConfigureAll<FileModelLoaderOptions>(o =>
        {
            o.DebounceInterval = Debounce;
            o.PollingInterval = polling ?? TimeSpan.Zero;
            o.UseFileSystemEvents = events;
            o.Inspect = bytes => TopicModelStore.ReadMetadata(new MemoryStream(bytes));
        });
        configure(services.AddPredictionEnginePool<ArticleInput, TopicPrediction>().WithProbe(Probe, (model, prediction) => TopicLabelSet.FromModel(model).Rank(prediction.Score)));
        return services.BuildServiceProvider();
    }

    /// <summary>A pool watching a private copy of the four-topic model under the name "m".</summary>
    private (ServiceProvider Services, PredictionEnginePool<ArticleInput, TopicPrediction> Pool, string Path) WatchedPool()
    {
        var path = CopyModel(models.TopicModelPath);
        var services = CreateServices(b => b.FromFile("m", path, watchForChanges: true));
        return (services, services.GetRequiredService<PredictionEnginePool<ArticleInput, TopicPrediction>>(), path);
    }

    private string CopyModel(string source, string name = "model.zip")
    {
        var path = _directory.File(name);
        File.Copy(source, path, overwrite: true);
        return path;
    }

    private static IReadOnlyList<string> LabelsOf(PredictionEnginePool<ArticleInput, TopicPrediction> pool, string name) =>
        TopicLabelSet.FromModel(pool.GetModel(name)).Labels;

    [Fact]
    public void Models_load_when_the_pool_is_created_not_on_the_first_request()
    {
        using var services = CreateServices(b => b.FromFile("m", CopyModel(models.TopicModelPath), watchForChanges: false));
        var pool = services.GetRequiredService<PredictionEnginePool<ArticleInput, TopicPrediction>>();
        var status = pool.GetModelStatus("m");
        Assert.True(status.IsLoaded);
        Assert.Equal(1, status.Serving!.Generation);
        Assert.IsType<TopicModelMetadata>(status.Serving.Annotation);
        Assert.Null(status.LastError);
    }

    [Fact]
    public void Named_models_are_served_side_by_side()
    {
        using var services = CreateServices(b => b
            .FromFile("topics", CopyModel(models.TopicModelPath, "a.zip"), watchForChanges: false)
            .FromFile("renamed", CopyModel(models.RelabelledModelPath, "b.zip"), watchForChanges: false));
        var pool = services.GetRequiredService<PredictionEnginePool<ArticleInput, TopicPrediction>>();
        Assert.Contains(pool.Predict("topics", Probe).PredictedLabel, Topics);
        Assert.StartsWith("renamed_", pool.Predict("renamed", Probe).PredictedLabel, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => pool.Predict("nope", Probe));
    }

    [Fact]
    public void The_default_model_name_works_like_the_original_package()
    {
        using var services = CreateServices(b => b.FromFile(CopyModel(models.TopicModelPath), watchForChanges: false));
        var pool = services.GetRequiredService<PredictionEnginePool<ArticleInput, TopicPrediction>>();
        Assert.Contains(pool.Predict(Probe).PredictedLabel, Topics);
        var engine = pool.GetPredictionEngine();
        pool.ReturnPredictionEngine(engine);
        Assert.NotNull(pool.GetModel());
    }

    [Fact]
    public async Task Parallel_predictions_all_succeed_and_agree()
    {
        using var services = CreateServices(b => b.FromFile("m", CopyModel(models.TopicModelPath), watchForChanges: false));
        var pool = services.GetRequiredService<PredictionEnginePool<ArticleInput, TopicPrediction>>();
        var texts = TestCorpus.TestSample(5).Select(a => a.Text).ToArray();
        var expected = texts.Select(t => pool.Predict("m", new ArticleInput { Text = t }).PredictedLabel).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
        {
            var k = i % texts.Length;
            return (k, pool.Predict("m", new ArticleInput { Text = texts[k] }).PredictedLabel);
        })));
        Assert.All(results, r => Assert.Equal(expected[r.k], r.PredictedLabel));
    }

    [Fact]
    public async Task A_model_renamed_over_the_watched_file_is_picked_up()
    {
        var (services, pool, path) = WatchedPool();
        using var _ = services;
        Assert.Equal(Topics, LabelsOf(pool, "m"));

        SmallModels.ReplaceAtomically(models.RelabelledModelPath, path);
        await Eventually.WaitUntil(() => pool.GetModelStatus("m").Serving!.Generation == 2, "the renamed model is loaded");
        Assert.StartsWith("renamed_", pool.Predict("m", Probe).PredictedLabel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_burst_of_writes_is_debounced_into_one_reload()
    {
        var (services, pool, path) = WatchedPool();
        using var _ = services;

        // Write the new model in small chunks, as a slow copy does: many events, one reload, no failure.
        var bytes = await File.ReadAllBytesAsync(models.RelabelledModelPath);
        await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            for (var offset = 0; offset < bytes.Length; offset += bytes.Length / 10 + 1)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(bytes.Length / 10 + 1, bytes.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(20);
            }
        }

        await Eventually.WaitUntil(() => pool.GetModelStatus("m").Serving!.Generation >= 2, "the new model is loaded");
        await Task.Delay(Debounce * 4);
        var status = pool.GetModelStatus("m");
        Assert.Equal(2, status.Serving!.Generation);
        Assert.Null(status.LastError);
        Assert.StartsWith("renamed_", LabelsOf(pool, "m")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("not-a-model-zip")]
    public async Task A_file_that_fails_to_load_never_replaces_the_serving_model_and_the_next_good_one_is_taken(string kind)
    {
        var (services, pool, path) = WatchedPool();
        using var _ = services;
        var bad = _directory.File("bad.zip");
        switch (kind)
        {
            case "garbage":
                await File.WriteAllTextAsync(bad, "this is not a model");
                break;
            case "truncated":
                var bytes = await File.ReadAllBytesAsync(models.RelabelledModelPath);
                await File.WriteAllBytesAsync(bad, bytes[..(bytes.Length / 2)]);
                break;
            default:
                using (var zip = System.IO.Compression.ZipFile.Open(bad, System.IO.Compression.ZipArchiveMode.Create))
                {
                    zip.CreateEntry("hello.txt");
                }

                break;
        }

        SmallModels.ReplaceAtomically(bad, path);
        await Eventually.WaitUntil(() => pool.GetModelStatus("m").LastError is not null, "the failure is reported");
        var status = pool.GetModelStatus("m");
        Assert.Equal(1, status.Serving!.Generation);
        Assert.Contains(pool.Predict("m", Probe).PredictedLabel, Topics);

        SmallModels.ReplaceAtomically(models.RelabelledModelPath, path);
        await Eventually.WaitUntil(() => pool.GetModelStatus("m").Serving!.Generation == 2, "the next good model is loaded");
        Assert.Null(pool.GetModelStatus("m").LastError);
        Assert.StartsWith("renamed_", pool.Predict("m", Probe).PredictedLabel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_with_another_input_schema_is_rejected()
    {
        var (services, pool, path) = WatchedPool();
        using var _ = services;

        // A valid ML.NET model that reads a "Body" column instead of "Text".
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new OtherInput { Body = "a", Value = 1 } });
        var other = ml.Transforms.Text.FeaturizeText("Features", "Body").Fit(data);
        var otherPath = _directory.File("other.zip");
        ml.Model.Save(other, data.Schema, otherPath);

        SmallModels.ReplaceAtomically(otherPath, path);
        await Eventually.WaitUntil(() => pool.GetModelStatus("m").LastError is not null, "the wrong schema is reported");
        Assert.Equal(1, pool.GetModelStatus("m").Serving!.Generation);
        Assert.Contains(pool.Predict("m", Probe).PredictedLabel, Topics);
    }

    [Fact]
    public async Task A_missing_file_at_start_is_reported_and_loaded_when_it_appears()
    {
        var path = _directory.File("later.zip");
        using var services = CreateServices(b => b.FromFile("m", path, watchForChanges: true));
        var pool = services.GetRequiredService<PredictionEnginePool<ArticleInput, TopicPrediction>>();
        Assert.False(pool.GetModelStatus("m").IsLoaded);
        Assert.Contains("does not exist", pool.GetModelStatus("m").LastError, StringComparison.Ordinal);
        Assert.Throws<ModelNotLoadedException>(() => pool.Predict("m", Probe));

        SmallModels.ReplaceAtomically(models.TopicModelPath, path);
        await Eventually.WaitUntil(() => pool.GetModelStatus("m").IsLoaded, "the model appears");
        Assert.Contains(pool.Predict("m", Probe).PredictedLabel, Topics);
    }

    [Fact]
    public async Task Polling_finds_a_change_the_watcher_did_not_report()
    {
        var path = CopyModel(models.TopicModelPath);

        // No file system events at all: only the poll can notice, as on bind mounts that lose events.
        using var services = CreateServices(b => b.FromFile("m", path, watchForChanges: true), polling: TimeSpan.FromMilliseconds(100), events: false);
        var pool = services.GetRequiredService<PredictionEnginePool<ArticleInput, TopicPrediction>>();
        SmallModels.ReplaceAtomically(models.RelabelledModelPath, path);
        await Eventually.WaitUntil(() => pool.GetModelStatus("m").Serving!.Generation == 2, "polling picks up the change");
    }

    [Fact]
    public async Task An_engine_rented_before_a_swap_is_never_handed_out_by_the_new_generation()
    {
        var (services, pool, path) = WatchedPool();
        using var _ = services;
        var old = pool.GetPredictionEngine("m");
        Assert.Contains(old.Predict(Probe).PredictedLabel, Topics);

        SmallModels.ReplaceAtomically(models.RelabelledModelPath, path);
        await Eventually.WaitUntil(() => pool.GetModelStatus("m").Serving!.Generation == 2, "the swap");
        pool.ReturnPredictionEngine("m", old);

        var rented = Enumerable.Range(0, 8).Select(_ => pool.GetPredictionEngine("m")).ToList();
        Assert.DoesNotContain(old, rented);
        Assert.All(rented, e => Assert.StartsWith("renamed_", e.Predict(Probe).PredictedLabel, StringComparison.Ordinal));
        rented.ForEach(e => pool.ReturnPredictionEngine("m", e));
    }

    [Fact]
    public async Task Predictions_never_fail_while_the_model_is_swapped_twice()
    {
        var (services, pool, path) = WatchedPool();
        using var _ = services;
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var predictions = 0;
        // Two workers with a pause between predictions: busy enough to overlap every swap, without starving
        // the reload of CPU on a two-core machine that runs other test projects at the same time.
        var workers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    pool.Predict("m", Probe);
                    Interlocked.Increment(ref predictions);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }

                await Task.Delay(1);
            }
        })).ToArray();

        SmallModels.ReplaceAtomically(models.RelabelledModelPath, path);
        await Eventually.WaitUntil(() => pool.GetModelStatus("m").Serving!.Generation == 2, "the first swap");
        SmallModels.ReplaceAtomically(models.TopicModelPath, path);
        await Eventually.WaitUntil(() => pool.GetModelStatus("m").Serving!.Generation == 3, "the second swap");
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        Assert.Equal(0, failures);
        Assert.True(predictions > 10);
    }

    [Fact]
    public async Task A_reload_can_be_requested()
    {
        var path = CopyModel(models.TopicModelPath);
        using var services = CreateServices(b => b.FromFile("m", path, watchForChanges: false));
        var pool = services.GetRequiredService<PredictionEnginePool<ArticleInput, TopicPrediction>>();
        SmallModels.ReplaceAtomically(models.RelabelledModelPath, path);
        await Task.Delay(Debounce * 3);
        Assert.Equal(1, pool.GetModelStatus("m").Serving!.Generation);
        pool.RequestReload("m");
        Assert.Equal(2, pool.GetModelStatus("m").Serving!.Generation);
    }

    private sealed class OtherInput
    {
        public string Body { get; set; } = string.Empty;

        public float Value { get; set; }
    }
}
