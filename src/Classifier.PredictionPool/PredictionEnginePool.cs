using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace Microsoft.Extensions.ML;

/// <summary>
/// Pools PredictionEngines per named model. Each model swap starts a new generation with its own pool;
/// an engine always goes back to the generation it came from, and an old generation's engines are
/// disposed instead of being retained, so engines of an old model never serve again.
/// </summary>
public class PredictionEnginePool<TData, TPrediction> : IDisposable
    where TData : class
    where TPrediction : class, new()
{
    private readonly MLContext _mlContext;
    private readonly int _maximumRetained;
    private readonly FrozenDictionary<string, NamedModel> _models;
    private readonly ConditionalWeakTable<PredictionEngine<TData, TPrediction>, Generation> _owners = [];
    private bool _disposed;

    public PredictionEnginePool(
        IOptions<MLOptions> mlOptions,
        IOptions<PredictionEnginePoolSettings> settings,
        IOptions<PredictionEnginePoolRegistry<TData, TPrediction>> registry,
        IOptionsFactory<PredictionEnginePoolOptions<TData, TPrediction>> poolOptions,
        IOptions<ModelValidationOptions<TData, TPrediction>> validation)
    {
        _mlContext = mlOptions.Value.MLContext;
        _maximumRetained = settings.Value.MaximumRetainedPerModel;
        var validate = CreateValidator(validation.Value);
        var models = new Dictionary<string, NamedModel>(StringComparer.Ordinal);
        foreach (var name in registry.Value.ModelNames.Distinct(StringComparer.Ordinal))
        {
            var loader = poolOptions.Create(name).ModelLoader
                ?? throw new InvalidOperationException($"No model source is configured for the model named '{name}'.");
            models[name] = new NamedModel(name, loader);
        }

        _models = models.ToFrozenDictionary(StringComparer.Ordinal);

        // All models are started here, so they load at start-up and each is validated before it serves.
        foreach (var model in _models.Values)
        {
            model.Loader.Start(validate);
        }
    }

    public IReadOnlyCollection<string> ModelNames => _models.Keys;

    public ITransformer GetModel() => GetModel(Microsoft.Extensions.Options.Options.DefaultName);

    public ITransformer GetModel(string modelName) => Find(modelName).Loader.GetModel();

    /// <summary>The serving model's generation, load time and last load failure.</summary>
    public ModelLoadStatus GetModelStatus(string modelName) => Find(modelName).Loader.GetStatus();

    /// <summary>Loads the model's source again now.</summary>
    public void RequestReload(string modelName) => Find(modelName).Loader.RequestReload();

    public PredictionEngine<TData, TPrediction> GetPredictionEngine() => GetPredictionEngine(Microsoft.Extensions.Options.Options.DefaultName);

    public PredictionEngine<TData, TPrediction> GetPredictionEngine(string modelName)
    {
        var generation = CurrentGeneration(modelName);
        var engine = generation.Engines.Get();
        _owners.AddOrUpdate(engine, generation);
        return engine;
    }

    public void ReturnPredictionEngine(PredictionEngine<TData, TPrediction> engine) => ReturnPredictionEngine(Microsoft.Extensions.Options.Options.DefaultName, engine);

    public void ReturnPredictionEngine(string modelName, PredictionEngine<TData, TPrediction> engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (_owners.TryGetValue(engine, out var owner))
        {
            _owners.Remove(engine);

            // A disposed (replaced) generation disposes the engine rather than keeping it.
            owner.Engines.Return(engine);
        }
        else
        {
            engine.Dispose();
        }
    }

    /// <summary>Predicts and tells which model (generation, version annotation) gave the answer.</summary>
    public TPrediction Predict(string modelName, TData example, out ServedModel model)
    {
        var generation = CurrentGeneration(modelName);
        model = generation.Served;
        var engine = generation.Engines.Get();
        try
        {
            return engine.Predict(example);
        }
        finally
        {
            // Back to the generation it came from; a replaced generation disposes it.
            generation.Engines.Return(engine);
        }
    }

    internal TPrediction PredictCore(string modelName, TData example) => Predict(modelName, example, out _);

    private NamedModel Find(string modelName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _models.TryGetValue(modelName, out var model)
            ? model
            : throw new ArgumentException($"No model named '{modelName}' is registered; known: {string.Join(", ", _models.Keys.Select(k => $"'{k}'"))}.", nameof(modelName));
    }

    private Generation CurrentGeneration(string modelName)
    {
        var named = Find(modelName);
        var served = named.Loader.Current ?? throw new ModelNotLoadedException(modelName, named.Loader.GetStatus().LastError);
        var generation = named.Current;
        if (generation is not null && ReferenceEquals(generation.Served, served))
        {
            return generation;
        }

        lock (named)
        {
            generation = named.Current;
            if (generation is not null && ReferenceEquals(generation.Served, served))
            {
                return generation;
            }

            var fresh = new Generation(served, CreateEnginePool(served.Model));
            named.Current = fresh;
            generation?.Dispose();
            return fresh;
        }
    }

    private ObjectPool<PredictionEngine<TData, TPrediction>> CreateEnginePool(ITransformer model) =>
        new DefaultObjectPoolProvider { MaximumRetained = _maximumRetained }.Create(new EnginePolicy(_mlContext, model));

    private Action<ITransformer> CreateValidator(ModelValidationOptions<TData, TPrediction> validation) => model =>
    {
        // Building an engine checks that the model's input and output schemas fit TData and TPrediction.
        using var engine = _mlContext.Model.CreatePredictionEngine<TData, TPrediction>(model, new PredictionEngineOptions { OwnsTransformer = false, IgnoreMissingColumns = false });
        if (validation.ProbeExample is { } probe)
        {
            var prediction = engine.Predict(probe);
            foreach (var check in validation.Checks)
            {
                check(model, prediction);
            }
        }
    };

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        foreach (var model in _models.Values)
        {
            model.Current?.Dispose();
            (model.Loader as IDisposable)?.Dispose();
        }
    }

    private sealed class NamedModel(string name, ModelLoader loader)
    {
        public string Name => name;

        public ModelLoader Loader => loader;

        public volatile Generation? Current;
    }

    private sealed class Generation(ServedModel served, ObjectPool<PredictionEngine<TData, TPrediction>> engines) : IDisposable
    {
        public ServedModel Served => served;

        public ObjectPool<PredictionEngine<TData, TPrediction>> Engines => engines;

        public void Dispose() => (engines as IDisposable)?.Dispose();
    }

    private sealed class EnginePolicy(MLContext mlContext, ITransformer model) : IPooledObjectPolicy<PredictionEngine<TData, TPrediction>>
    {
        // The pool owns the model, not the engines: disposing an engine must not dispose the shared transformer.
        public PredictionEngine<TData, TPrediction> Create() =>
            mlContext.Model.CreatePredictionEngine<TData, TPrediction>(model, new PredictionEngineOptions { OwnsTransformer = false, IgnoreMissingColumns = false });

        public bool Return(PredictionEngine<TData, TPrediction> obj) => true;
    }
}

public static class PredictionEnginePoolExtensions
{
    public static TPrediction Predict<TData, TPrediction>(this PredictionEnginePool<TData, TPrediction> pool, TData example)
        where TData : class
        where TPrediction : class, new()
        => pool.PredictCore(Microsoft.Extensions.Options.Options.DefaultName, example);

    public static TPrediction Predict<TData, TPrediction>(this PredictionEnginePool<TData, TPrediction> pool, string modelName, TData example)
        where TData : class
        where TPrediction : class, new()
        => pool.PredictCore(modelName, example);
}
