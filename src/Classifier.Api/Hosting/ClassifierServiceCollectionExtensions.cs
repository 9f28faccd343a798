using System.Threading.RateLimiting;
using Classifier.Api.Health;
using Classifier.Api.Prediction;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Classifier.Core.Text;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.ML;
using Microsoft.Extensions.Options;

namespace Classifier.Api.Hosting;

public static class ClassifierServiceCollectionExtensions
{
    /// <summary>A probe every candidate model must classify before it may serve.</summary>
    private const string ProbeText = "Пограничная служба усилила охрану участка границы. Border guards reinforced the checkpoint. Шекара қызметі.";

    public static WebApplicationBuilder AddTopicClassifier(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClassifierApiOptions>().BindConfiguration(ClassifierApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // The model path is needed to register the pool, before options exist; validation above still reports bad values at start.
        var apiOptions = builder.Configuration.GetSection(ClassifierApiOptions.Section).Get<ClassifierApiOptions>() ?? new ClassifierApiOptions();
        var modelPath = ModelPathResolver.Resolve(apiOptions.ModelPath, builder.Environment.ContentRootPath);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = apiOptions.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        services.Configure<MLOptions>(o => TopicTextMapping.Register(o.MLContext));
        services.Configure<FileModelLoaderOptions>(ClassifierApiOptions.ModelName, o =>
        {
            o.DebounceInterval = TimeSpan.FromMilliseconds(apiOptions.ReloadDebounceMilliseconds);
            o.PollingInterval = TimeSpan.FromSeconds(apiOptions.ReloadPollingSeconds);
            o.Inspect = bytes => TopicModelStore.ReadMetadata(new MemoryStream(bytes, writable: false));
        });
        services.AddPredictionEnginePool<ArticleInput, TopicPrediction>()
            .FromFile(ClassifierApiOptions.ModelName, modelPath, apiOptions.WatchForChanges)
            .WithProbe(new ArticleInput { Text = ProbeText }, (model, prediction) => TopicLabelSet.FromModel(model).Rank(prediction.Score));
        services.AddSingleton<TopicClassifier>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // Answers made by the framework (routing's 415, 404, 405) say what was wrong too.
            var problem = context.ProblemDetails;
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status415UnsupportedMediaType => "This endpoint accepts application/json (and /predict also text/plain); set the Content-Type header.",
                StatusCodes.Status404NotFound => $"There is no endpoint at {context.HttpContext.Request.Path}; see /openapi/v1.json.",
                StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
                _ => null,
            };
        });
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<ModelHealthCheck>("model", tags: [HealthEndpoints.ReadyTag]);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                if (!settings.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.BurstLimit,
                    TokensPerPeriod = settings.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "This client sent more requests than the rate limit allows; retry in a second." },
                });
            };
        });
        return builder;
    }
}

/// <summary>Finds the model file: as given when absolute; else from the working folder, the content root, or one of their parents.</summary>
public static class ModelPathResolver
{
    public static string Resolve(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, contentRoot })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, path);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        // Not there yet: watch where a user running from this folder would put it.
        return Path.GetFullPath(path, Environment.CurrentDirectory);
    }
}
