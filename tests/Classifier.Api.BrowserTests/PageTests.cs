using System.Text;
using Classifier.TestSupport;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Classifier.Api.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class PageTests(BrowserFixture fixture) : IAsyncLifetime, IDisposable
{
    private static readonly string[] Topics = ["afghanistan", "border_security", "diplomacy", "terrorism"];
    private readonly TempDirectory _directory = new();
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1100, Height = 1400 } });
        _page = await _context.NewPageAsync();
        await _page.GotoAsync(fixture.BaseUrl + "/");
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_pasted_seed_gets_its_label_a_bar_per_topic_and_highlighted_words()
    {
        var seed = await ClassifySeedAsync("000_e237da839ca07bef.txt");

        var label = await _page.TextContentAsync("#result-label");
        Assert.Contains(label, Topics);

        // The topics the article touches, the answer first with its probability.
        Assert.Matches($@"^{label} \d+%", await _page.TextContentAsync("#result-topics"));
        var bars = await _page.Locator("#bars li").AllAsync();
        // A bar per label of the model: the four topics, and 'other' for a model that learned it (the shipped one).
        var shown = (await Task.WhenAll(bars.Select(b => b.GetAttributeAsync("data-topic")))).Order().ToList();
        Assert.Equal(Topics.Order(), shown.Where(label => label != "other"));
        var marks = _page.Locator("#highlighted mark");
        Assert.True(await marks.CountAsync() > 5);
        var firstTitle = await marks.First.GetAttributeAsync("title");
        Assert.Matches(@"^\w+ \+\d+\.\d\d$", firstTitle);

        // The highlighted text is the article, unchanged.
        Assert.Equal(seed.Replace("\r\n", "\n"), (await _page.InnerTextAsync("#highlighted")).Replace("\r\n", "\n"), ignoreWhiteSpaceDifferences: true);
        if (Environment.GetEnvironmentVariable("SCREENSHOT_PATH") is { } screenshot)
        {
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = false });
        }
    }

    [Fact]
    public async Task A_batch_file_fills_a_sortable_table_and_downloads_as_csv()
    {
        var articles = TestCorpus.TestSample(2);
        var file = TestCorpus.WriteTsv(_directory.File("batch.tsv"), articles);
        await _page.SetInputFilesAsync("#batch-file", file);
        await _page.WaitForSelectorAsync("#batch-result:not([hidden])");
        Assert.Equal(articles.Count, await _page.Locator("#batch-table tbody tr").CountAsync());

        // Sort by confidence: descending on the first choice.
        await _page.ClickAsync("#batch-head th:has-text('confidence') button");
        var confidences = (await _page.Locator("#batch-table tbody tr td:nth-child(4)").AllTextContentsAsync()).Select(double.Parse).ToList();
        Assert.Equal(confidences.OrderByDescending(c => c), confidences);
        Assert.Equal("descending", await _page.GetAttributeAsync("#batch-head th:has-text('confidence')", "aria-sort"));

        var download = await _page.RunAndWaitForDownloadAsync(() => _page.ClickAsync("#download"));
        var path = _directory.File("out.csv");
        await download.SaveAsAsync(path);
        var csv = await File.ReadAllTextAsync(path, Encoding.UTF8);
        Assert.Equal(articles.Count + 1, CountCsvRecords(csv));
        Assert.Contains("\"predicted\"", csv[..csv.IndexOf('\n', StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_text_binary_and_over_long_files_show_the_reason()
    {
        await _page.ClickAsync("#classify");
        Assert.Contains("empty", await _page.TextContentAsync("#single-error"), StringComparison.OrdinalIgnoreCase);

        var binary = _directory.File("photo.txt");
        await File.WriteAllBytesAsync(binary, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0xFF, 0xD8]);
        await _page.SetInputFilesAsync("#article-file", binary);
        await _page.WaitForSelectorAsync("#single-error:not([hidden])");
        Assert.Contains("binary", await _page.TextContentAsync("#single-error"), StringComparison.Ordinal);

        var longFile = _directory.File("long.txt");
        await File.WriteAllTextAsync(longFile, string.Concat(Enumerable.Repeat("Шекара қызметі. ", 2000)));
        await _page.SetInputFilesAsync("#article-file", longFile);
        await _page.WaitForFunctionAsync("document.querySelector('#single-error').textContent.includes('limit')");
        Assert.Contains("the limit is 20000", await _page.TextContentAsync("#single-error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_model_panel_shows_version_and_training_rows()
    {
        await _page.WaitForSelectorAsync("#model dt");
        var panel = await _page.InnerTextAsync("#model");
        Assert.Contains("Version", panel, StringComparison.Ordinal);
        Assert.Contains("Training rows per topic", panel, StringComparison.Ordinal);
        Assert.Contains("border_security", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_has_no_serious_accessibility_violations()
    {
        var seed = await ClassifySeedAsync("002_caa11e77a7aba525.txt");
        var results = await _page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Description}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    [Fact]
    public async Task The_page_is_usable_in_a_narrow_window_by_keyboard()
    {
        await _page.SetViewportSizeAsync(360, 800);
        await _page.FocusAsync("#article");
        await _page.Keyboard.TypeAsync("Талибы провели переговоры в Кабуле");
        await _page.Keyboard.PressAsync("Tab");
        await _page.Keyboard.PressAsync("Tab");
        await _page.Keyboard.PressAsync("Enter");
        await _page.WaitForSelectorAsync("#result:not([hidden])");
        var width = await _page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 380, $"the page is {width}px wide in a 360px window");
    }

    /// <summary>Pastes a seed article, classifies it and waits for the result; returns the text pasted.</summary>
    private async Task<string> ClassifySeedAsync(string file)
    {
        var seed = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Seeds, file));
        await _page.FillAsync("#article", seed);
        await _page.ClickAsync("#classify");
        await _page.WaitForSelectorAsync("#result:not([hidden])");
        return seed;
    }

    /// <summary>Records of an RFC 4180 text: line ends outside quotes.</summary>
    private static int CountCsvRecords(string csv)
    {
        var records = 0;
        var quoted = false;
        foreach (var c in csv)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted)
            {
                records++;
            }
        }

        return records;
    }
}
