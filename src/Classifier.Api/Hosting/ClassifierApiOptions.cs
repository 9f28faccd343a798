using System.ComponentModel.DataAnnotations;

namespace Classifier.Api.Hosting;

/// <summary>The service's settings (section "Classifier" of appsettings.json, or Classifier__* environment variables).</summary>
public sealed class ClassifierApiOptions
{
    public const string Section = "Classifier";

    /// <summary>The name the model is served under in the pool.</summary>
    public const string ModelName = "topic-model";

    /// <summary>The model file; a relative path is looked up from the working folder and its parents.</summary>
    [Required]
    public string ModelPath { get; set; } = "models/topic-model.zip";

    /// <summary>Reload the model when its file is replaced.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>Quiet time after the model file changes before it is reloaded.</summary>
    [Range(0, 60_000)]
    public int ReloadDebounceMilliseconds { get; set; } = 500;

    /// <summary>How often the model file is also polled for changes (for mounts where file events are lost); 0 turns polling off.</summary>
    [Range(0, 3600)]
    public double ReloadPollingSeconds { get; set; } = 2;

    /// <summary>Overrides the model's off-topic threshold: answer 'other' when the article's off-topic probability is at least this.</summary>
    [Range(0.0, 1.0)]
    public double? OffTopicThreshold { get; set; }

    /// <summary>Overrides the model's topic threshold: every topic with at least this probability is listed in 'topics'.</summary>
    [Range(0.0, 1.0)]
    public double? TopicThreshold { get; set; }

    /// <summary>Longest article accepted, in characters (as Azure's custom text classification).</summary>
    [Range(1, 10_000_000)]
    public int MaxTextLength { get; set; } = 125_000;

    /// <summary>Most articles in one batch request.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Largest request body, in bytes; larger bodies get 413.</summary>
    [Range(1024, 1L << 31)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>The built-in rate limiter's settings (section "RateLimiting"): a token bucket per client address.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests a client may send in a burst.</summary>
    [Range(1, int.MaxValue)]
    public int BurstLimit { get; set; } = 20_000;

    /// <summary>Sustained requests per second per client.</summary>
    [Range(1, int.MaxValue)]
    public int PermitsPerSecond { get; set; } = 10_000;
}
