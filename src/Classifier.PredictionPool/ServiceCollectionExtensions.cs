using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.ML;

public static class PredictionEnginePoolServiceCollectionExtensions
{
    /// <summary>Registers the pool; add models to it with <c>FromFile</c>.</summary>
    public static PredictionEnginePoolBuilder<TData, TPrediction> AddPredictionEnginePool<TData, TPrediction>(this IServiceCollection services)
        where TData : class
        where TPrediction : class, new()
    {
        services.AddOptions();
        services.TryAddSingleton<PredictionEnginePool<TData, TPrediction>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PredictionEnginePoolStarter<TData, TPrediction>>());
        return new PredictionEnginePoolBuilder<TData, TPrediction>(services);
    }
}

/// <summary>Adds models to a pool (same shape as Microsoft.Extensions.ML).</summary>
public class PredictionEnginePoolBuilder<TData, TPrediction>(IServiceCollection services)
    where TData : class
    where TPrediction : class, new()
{
    public IServiceCollection Services { get; } = services;
}

public static class PredictionEnginePoolBuilderExtensions
{
    public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string filePath)
        where TData : class
        where TPrediction : class, new()
        => builder.FromFile(Options.Options.DefaultName, filePath, watchForChanges: true);

    public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string filePath, bool watchForChanges)
        where TData : class
        where TPrediction : class, new()
        => builder.FromFile(Options.Options.DefaultName, filePath, watchForChanges);

    public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string modelName, string filePath)
        where TData : class
        where TPrediction : class, new()
        => builder.FromFile(modelName, filePath, watchForChanges: true);

    public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string modelName, string filePath, bool watchForChanges)
        where TData : class
        where TPrediction : class, new()
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        builder.Services.Configure<PredictionEnginePoolRegistry<TData, TPrediction>>(r => r.ModelNames.Add(modelName));
        builder.Services.AddOptions<PredictionEnginePoolOptions<TData, TPrediction>>(modelName)
            .Configure<IServiceProvider>((options, services) =>
            {
                var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
                options.ModelLoader = new FileModelLoader(
                    modelName,
                    filePath,
                    watchForChanges,
                    services.GetRequiredService<IOptions<MLOptions>>().Value.MLContext,
                    services.GetRequiredService<IOptionsMonitor<FileModelLoaderOptions>>().Get(modelName),
                    loggerFactory.CreateLogger<FileModelLoader>(),
                    services.GetService<TimeProvider>());
            });
        return builder;
    }

    /// <summary>Runs this example through every candidate model before it may serve.</summary>
    public static PredictionEnginePoolBuilder<TData, TPrediction> WithProbe<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, TData example, Action<Microsoft.ML.ITransformer, TPrediction>? check = null)
        where TData : class
        where TPrediction : class, new()
    {
        builder.Services.Configure<ModelValidationOptions<TData, TPrediction>>(o =>
        {
            o.ProbeExample = example;
            if (check is not null)
            {
                o.Checks.Add(check);
            }
        });
        return builder;
    }
}

/// <summary>Creates the pool when the host starts, so every model is loaded before the first request.</summary>
internal sealed class PredictionEnginePoolStarter<TData, TPrediction>(IServiceProvider services) : IHostedService
    where TData : class
    where TPrediction : class, new()
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PredictionEnginePool<TData, TPrediction>>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
