using Microsoft.ML;

namespace Microsoft.Extensions.ML;

/// <summary>Per model name: where its model comes from (named options, as in Microsoft.Extensions.ML).</summary>
public class PredictionEnginePoolOptions<TData, TPrediction>
    where TData : class
    where TPrediction : class, new()
{
    public ModelLoader? ModelLoader { get; set; }
}

/// <summary>
/// What a candidate model must pass before it serves: it loads, a PredictionEngine for
/// <typeparamref name="TData"/>/<typeparamref name="TPrediction"/> can be built on it (the schema fits),
/// a probe example predicts, and every extra check passes.
/// </summary>
public class ModelValidationOptions<TData, TPrediction>
    where TData : class
    where TPrediction : class, new()
{
    /// <summary>An example run through every candidate model; null skips the probe.</summary>
    public TData? ProbeExample { get; set; }

    /// <summary>Further checks; each throws to reject the candidate.</summary>
    public IList<Action<ITransformer, TPrediction>> Checks { get; } = [];
}

/// <summary>Settings of the pool itself.</summary>
public class PredictionEnginePoolSettings
{
    /// <summary>Engines kept per model; more are created under load and dropped when returned to a full pool.</summary>
    public int MaximumRetainedPerModel { get; set; } = Math.Max(16, Environment.ProcessorCount * 4);
}

/// <summary>The model names added with FromFile, in order.</summary>
public sealed class PredictionEnginePoolRegistry<TData, TPrediction>
    where TData : class
    where TPrediction : class, new()
{
    public List<string> ModelNames { get; } = [];
}
