using BenchmarkDotNet.Attributes;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Classifier.Core.Text;
using Classifier.Core.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.ML;
using Microsoft.ML;

namespace Classifier.Benchmarks;

/// <summary>One prediction of the shipped model, by text length and language, through an engine and through the pool.</summary>
[MemoryDiagnoser]
public class PredictionBenchmarks
{
    private PredictionEngine<ArticleInput, TopicPrediction> _engine = null!;
    private PredictionEnginePool<ArticleInput, TopicPrediction> _pool = null!;
    private ServiceProvider _services = null!;
    private ArticleInput _input = null!;
    private TopicExplainer? _explainer;

    [Params("ru", "kk", "en")]
    public string Lang { get; set; } = "ru";

    [Params(200, 1500, 8000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var ml = TopicModelTrainer.CreateContext(TrainingOptions.DefaultSeed);
        _engine = ml.Model.CreatePredictionEngine<ArticleInput, TopicPrediction>(TopicModelStore.Load(BenchmarkData.ShippedModel, ml).Model);
        var services = new ServiceCollection();
        services.Configure<MLOptions>(o => TopicTextMapping.Register(o.MLContext));
        services.AddPredictionEnginePool<ArticleInput, TopicPrediction>().FromFile("m", BenchmarkData.ShippedModel, watchForChanges: false);
        _services = services.BuildServiceProvider();
        _pool = _services.GetRequiredService<PredictionEnginePool<ArticleInput, TopicPrediction>>();
        _input = new ArticleInput { Text = BenchmarkData.Text(Lang, Length) };
        _explainer = TopicExplainer.TryCreate(_pool.GetModel("m"), out _);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public float[] Engine() => _engine.Predict(_input).Score;

    [Benchmark]
    public float[] Pool() => _pool.Predict("m", _input).Score;

    [Benchmark]
    public string FoldOnly() => TextNormalizer.Normalize(_input.Text);

    /// <summary>Folding plus hashing into the sparse vector: the whole featurization of the hashed models.</summary>
    [Benchmark]
    public int FeaturizeOnly()
    {
        var output = new HashedFeatures();
        HashedTextFeaturizer.Map(new TopicTextSource { Text = _input.Text }, output);
        return output.Features.GetValues().Length;
    }

    /// <summary>A prediction's explanation (the words behind every topic's score); empty for models that cannot be explained.</summary>
    [Benchmark]
    public int Explain() => _explainer?.Explain(_input.Text).Count ?? 0;
}

/// <summary>A batch of 1,000 articles through one engine, and loading the model file.</summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private PredictionEngine<ArticleInput, TopicPrediction> _engine = null!;
    private IReadOnlyList<ArticleInput> _articles = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ml = TopicModelTrainer.CreateContext(TrainingOptions.DefaultSeed);
        _engine = ml.Model.CreatePredictionEngine<ArticleInput, TopicPrediction>(TopicModelStore.Load(BenchmarkData.ShippedModel, ml).Model);
        _articles = BenchmarkData.Articles(1000).Select(t => new ArticleInput { Text = t }).ToList();
    }

    [Benchmark]
    public int BatchOf1000()
    {
        var n = 0;
        foreach (var article in _articles)
        {
            n += _engine.Predict(article).Score.Length;
        }

        return n;
    }

    [Benchmark]
    public int LoadModel() => TopicModelStore.Load(BenchmarkData.ShippedModel).Labels.Labels.Count;
}

/// <summary>Training on the full corpus with the default settings (one run: it takes seconds, not microseconds).</summary>
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private IReadOnlyList<Classifier.Core.Data.LabelledArticle> _train = null!;

    [GlobalSetup]
    public void Setup() => _train = Classifier.Core.Data.LabelledDataReader.Read(BenchmarkData.TrainFile).Articles;

    [Benchmark]
    public int TrainFullCorpus() => TopicModelTrainer.Fit(_train, TrainingOptions.Default).Labels.Count;
}
