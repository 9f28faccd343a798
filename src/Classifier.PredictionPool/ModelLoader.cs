using Microsoft.Extensions.Primitives;
using Microsoft.ML;

namespace Microsoft.Extensions.ML;

/// <summary>Supplies a model and tells when a new one has replaced it (same shape as Microsoft.Extensions.ML).</summary>
public abstract class ModelLoader
{
    /// <summary>A token that fires after a new model has been loaded, validated and swapped in.</summary>
    public abstract IChangeToken GetReloadToken();

    /// <summary>The serving model; throws <see cref="ModelNotLoadedException"/> while there is none.</summary>
    public abstract ITransformer GetModel();

    /// <summary>The serving model with its generation and load time, or null while there is none.</summary>
    public abstract ServedModel? Current { get; }

    /// <summary>What is serving and what last went wrong, for health checks and "which model is this" questions.</summary>
    public abstract ModelLoadStatus GetStatus();

    /// <summary>Loads the source again now, even if it looks unchanged.</summary>
    public abstract void RequestReload();

    /// <summary>Called once by the pool, with the check a candidate model must pass before it may serve.</summary>
    internal abstract void Start(Action<ITransformer> validate);
}

/// <summary>A model that passed validation and serves.</summary>
/// <param name="Model">The transformer engines are created from.</param>
/// <param name="Generation">Increases by one with every model swapped in.</param>
/// <param name="LoadedAtUtc">When it was swapped in.</param>
/// <param name="ContentSha256">SHA-256 of the bytes it was loaded from: tells exactly which file serves.</param>
/// <param name="Annotation">What <see cref="FileModelLoaderOptions.Inspect"/> read from those same bytes (for example the model's metadata).</param>
public sealed record ServedModel(ITransformer Model, long Generation, DateTimeOffset LoadedAtUtc, string ContentSha256, object? Annotation);

/// <summary>The state of one named model.</summary>
/// <param name="Source">Where the model comes from (a file path).</param>
/// <param name="Serving">The serving model, or null while none has loaded.</param>
/// <param name="LastError">Why the last load failed, if it did after the last success.</param>
public sealed record ModelLoadStatus(string Source, ServedModel? Serving, string? LastError, DateTimeOffset? LastErrorAtUtc)
{
    public bool IsLoaded => Serving is not null;
}

/// <summary>No model is serving under this name yet (the file is missing or every load so far failed).</summary>
public sealed class ModelNotLoadedException : InvalidOperationException
{
    public ModelNotLoadedException(string modelName, string? reason)
        : base($"No model named '{modelName}' is loaded{(reason is null ? "." : $": {reason}")}")
    {
        ModelName = modelName;
        Reason = reason;
    }

    public ModelNotLoadedException()
        : this(string.Empty, (string?)null)
    {
    }

    public ModelNotLoadedException(string message)
        : this(string.Empty, message)
    {
    }

    public ModelNotLoadedException(string message, Exception innerException)
        : base(message, innerException)
    {
        ModelName = string.Empty;
    }

    public string ModelName { get; }

    public string? Reason { get; }
}
