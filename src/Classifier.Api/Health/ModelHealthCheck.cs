using System.Text.Json;
using Classifier.Api.Hosting;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.ML;

namespace Classifier.Api.Health;

/// <summary>Ready when a model serves; degraded, with the reason, when the last reload failed and an older model still serves.</summary>
public sealed class ModelHealthCheck(PredictionEnginePool<ArticleInput, TopicPrediction> pool) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = pool.GetModelStatus(ClassifierApiOptions.ModelName);
        var error = status.LastError is null ? null : ProblemText.WithoutPaths(status.LastError);
        if (status.Serving is not { } serving)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"No model is loaded: {error ?? "not loaded yet"}"));
        }

        var version = (serving.Annotation as TopicModelMetadata)?.Version ?? serving.ContentSha256[..12];
        var data = new Dictionary<string, object> { ["version"] = version, ["generation"] = serving.Generation, ["loadedAtUtc"] = serving.LoadedAtUtc };
        return Task.FromResult(error is null
            ? HealthCheckResult.Healthy($"Serving model version {version}.", data)
            : HealthCheckResult.Degraded($"Serving model version {version}, but the last reload failed: {error}", data: data));
    }
}

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health").WithName("Live");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Health").WithName("Ready");
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, RequestBodyReaderJson.Options));
    }
}

internal static class RequestBodyReaderJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
