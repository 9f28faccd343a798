using Classifier.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace Classifier.Api.BrowserTests;

/// <summary>The API on a real Kestrel port with a small model, and Debian's headless Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Browsers cannot be downloaded here; the tests use the distribution's Chromium (.ci/run installs it).</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private readonly SmallModels _models = new();
    private readonly TempDirectory _directory = new();
    private ApiOnKestrel? _api;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        // For the README's screenshot (SCREENSHOT_PATH set), the page shows the shipped model.
        var model = _directory.File("topic-model.zip");
        File.Copy(Environment.GetEnvironmentVariable("SCREENSHOT_PATH") is null ? _models.TopicModelPath : RepositoryPaths.ShippedModel, model);
        _api = new ApiOnKestrel(model);
        _api.UseKestrel(0);
        _api.StartServer();
        BaseUrl = _api.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run 'apt-get install chromium' (.ci/run does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        _models.Dispose();
        _directory.Dispose();
    }

    private sealed class ApiOnKestrel(string modelPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Classifier:ModelPath", modelPath);
            builder.UseSetting("Classifier:MaxTextLength", "20000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
