using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.ML;

namespace Microsoft.Extensions.ML;

/// <summary>How a file-backed model is watched.</summary>
public sealed class FileModelLoaderOptions
{
    /// <summary>Quiet time after the last file event before a reload: one copy fires several events.</summary>
    public TimeSpan DebounceInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Reads something from a candidate model's bytes (for example metadata stored in the zip), kept with the
    /// model in <see cref="ServedModel.Annotation"/>. Throwing rejects the candidate.
    /// </summary>
    public Func<byte[], object?>? Inspect { get; set; }

    /// <summary>
    /// How often the file's size and time are compared with the loaded one, for file systems where
    /// FileSystemWatcher misses events (container bind mounts, network shares). Zero turns polling off.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Listen to file system events; with polling on, turning this off leaves polling alone to notice changes.</summary>
    public bool UseFileSystemEvents { get; set; } = true;
}

/// <summary>
/// Loads a model from a file at start and, when asked to watch, again whenever the file is written,
/// created or renamed into place. A new file must load and pass validation before it replaces the
/// serving model; a file that fails leaves the serving model in place and is reported in the status.
/// </summary>
public sealed partial class FileModelLoader : ModelLoader, IDisposable
{
    private readonly string _modelName;
    private readonly string _filePath;
    private readonly bool _watchForChanges;
    private readonly MLContext _mlContext;
    private readonly FileModelLoaderOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _loadLock = new();
    private Action<ITransformer> _validate = _ => { };
    private volatile Loaded? _current;
    private volatile ServedModel? _served;
    private volatile Failure? _lastFailure;
    private CancellationTokenSource _reloadTokenSource = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounceTimer;
    private ITimer? _pollTimer;
    private FileSignature? _lastFailedSignature;
    private FileSignature? _polledSignature;
    private bool _disposed;

    private sealed record Loaded(long Generation, FileSignature Signature);

    private sealed record Failure(string Message, DateTimeOffset AtUtc);

    private readonly record struct FileSignature(long Length, DateTime LastWriteUtc, DateTime CreatedUtc);

    public FileModelLoader(string modelName, string filePath, bool watchForChanges, MLContext mlContext, FileModelLoaderOptions options, ILogger logger, TimeProvider? timeProvider = null)
    {
        _modelName = modelName;
        _filePath = Path.GetFullPath(filePath);
        _watchForChanges = watchForChanges;
        _mlContext = mlContext;
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    public string FilePath => _filePath;

    public override IChangeToken GetReloadToken() => new CancellationChangeToken(Volatile.Read(ref _reloadTokenSource).Token);

    public override ITransformer GetModel() =>
        _served?.Model ?? throw new ModelNotLoadedException(_modelName, _lastFailure?.Message ?? $"{_filePath} has not been loaded");

    public override ServedModel? Current => _served;

    public override ModelLoadStatus GetStatus()
    {
        var failure = _lastFailure;
        return new ModelLoadStatus(_filePath, _served, failure?.Message, failure?.AtUtc);
    }

    public override void RequestReload() => TryLoad(force: true);

    internal override void Start(Action<ITransformer> validate)
    {
        _validate = validate;

        // Load now, not on the first request: the first user should not pay for it, and a broken model
        // should be known at start.
        TryLoad(force: true);
        if (!_watchForChanges)
        {
            return;
        }

        _debounceTimer = _time.CreateTimer(_ => TryLoad(force: false), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_options.PollingInterval > TimeSpan.Zero)
        {
            _pollTimer = _time.CreateTimer(_ => Poll(), null, _options.PollingInterval, _options.PollingInterval);
        }

        if (!_options.UseFileSystemEvents)
        {
            return;
        }

        var directory = Path.GetDirectoryName(_filePath)!;
        Directory.CreateDirectory(directory);
        _watcher = new FileSystemWatcher(directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };

        // Changed alone misses the safe way of writing a model: a temporary file renamed over the old one.
        _watcher.Changed += OnFileEvent;
        _watcher.Created += OnFileEvent;
        _watcher.Renamed += OnFileEvent;
        _watcher.Deleted += OnFileEvent;
        _watcher.Error += (_, e) => LogWatcherError(_logger, _modelName, e.GetException());
        _watcher.EnableRaisingEvents = true;
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        var concernsModel = string.Equals(Path.GetFullPath(e.FullPath), _filePath, StringComparison.Ordinal)
            || (e is RenamedEventArgs renamed && string.Equals(Path.GetFullPath(renamed.OldFullPath), _filePath, StringComparison.Ordinal));
        if (concernsModel)
        {
            Debounce();
        }
    }

    private void Poll()
    {
        // A change counts once two polls in a row see the same new size and time: the writer is done.
        // (Restarting the debounce timer here instead would postpone the reload forever when polls come
        // faster than the debounce interval.)
        var signature = ReadSignature();
        if (signature is { } s && s != _current?.Signature && s != _lastFailedSignature)
        {
            if (s == _polledSignature)
            {
                TryLoad(force: false);
            }

            _polledSignature = s;
        }
    }

    private void Debounce()
    {
        lock (_loadLock)
        {
            if (!_disposed)
            {
                _debounceTimer?.Change(_options.DebounceInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void TryLoad(bool force)
    {
        lock (_loadLock)
        {
            if (_disposed)
            {
                return;
            }

            var before = ReadSignature();
            if (before is null)
            {
                if (_served is null || force)
                {
                    Fail($"{_filePath} does not exist", null);
                }

                return;
            }

            if (!force && (before == _current?.Signature || before == _lastFailedSignature))
            {
                return;
            }

            ITransformer candidate;
            object? annotation;
            string sha256;
            try
            {
                // Read the bytes once and load from memory, so the file is not held open and what is
                // validated is exactly what is served.
                var bytes = File.ReadAllBytes(_filePath);
                var after = ReadSignature();
                if (after != before)
                {
                    // Still being written: wait for the writer to go quiet.
                    _debounceTimer?.Change(_options.DebounceInterval, Timeout.InfiniteTimeSpan);
                    return;
                }

                using var stream = new MemoryStream(bytes, writable: false);
                candidate = _mlContext.Model.Load(stream, out _);
                _validate(candidate);
                annotation = _options.Inspect?.Invoke(bytes);
                sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Fail($"{_filePath} was not loaded: {e.GetType().Name}: {e.Message}", before);
                return;
            }

            var generation = (_current?.Generation ?? 0) + 1;
            _current = new Loaded(generation, before.Value);
            _served = new ServedModel(candidate, generation, _time.GetUtcNow(), sha256, annotation);
            _lastFailure = null;
            _lastFailedSignature = null;
            LogLoaded(_logger, _modelName, _filePath, generation, before.Value.Length);

            // Only now, with the new model serving, tell listeners: a failed load never fires the token.
            var previous = Interlocked.Exchange(ref _reloadTokenSource, new CancellationTokenSource());
            previous.Cancel();
            previous.Dispose();
        }
    }

    private void Fail(string message, FileSignature? signature)
    {
        _lastFailure = new Failure(message, _time.GetUtcNow());
        _lastFailedSignature = signature;
        LogLoadFailed(_logger, _modelName, message, _served is not null);
    }

    private FileSignature? ReadSignature()
    {
        try
        {
            var info = new FileInfo(_filePath);
            if (!info.Exists)
            {
                return null;
            }

            // A file renamed over the model has its own creation (or status-change) time, even when its
            // size and write time happen to match the old one's.
            return new FileSignature(info.Length, info.LastWriteTimeUtc, info.CreationTimeUtc);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        lock (_loadLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _watcher?.Dispose();
        _debounceTimer?.Dispose();
        _pollTimer?.Dispose();
        _reloadTokenSource.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model '{ModelName}' loaded from {FilePath} (generation {Generation}, {Bytes} bytes)")]
    private static partial void LogLoaded(ILogger logger, string modelName, string filePath, long generation, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model '{ModelName}': {Message}; the serving model is kept: {KeptServing}")]
    private static partial void LogLoadFailed(ILogger logger, string modelName, string message, bool keptServing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model '{ModelName}': the file watcher failed; polling continues")]
    private static partial void LogWatcherError(ILogger logger, string modelName, Exception exception);
}
