using System.Text;
using Classifier.Core.Data;
using Classifier.TestSupport;

namespace Classifier.Core.Tests;

public sealed class LabelledDataReaderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Write(string name, string content, bool bom = false)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    [Fact]
    public void Tsv_with_bom_crlf_escapes_and_extra_columns_is_read()
    {
        var path = Write("data.tsv", "ID\tLabel\tLang\tText\r\n1\tterrorism\tru\tПервая строка\\nвторая\\tс табом\r\n2\tdiplomacy\ten\tTalks\r\n", bom: true);
        var data = LabelledDataReader.Read(path);
        Assert.Equal(2, data.Articles.Count);
        Assert.Equal("Первая строка\nвторая\tс табом", data.Articles[0].Text);
        Assert.Equal("ru", data.Articles[0].Lang);
        Assert.Equal(3, data.Articles[1].Line);
        Assert.Equal(64, data.Sha256.Length);
    }

    [Fact]
    public void Csv_quoted_fields_may_hold_commas_tabs_quotes_and_newlines()
    {
        var path = Write("data.csv", "label,text\r\nterrorism,\"Attack, then\tarrests\nand a \"\"cell\"\"\"\r\ndiplomacy,Plain talks\r\n");
        var data = LabelledDataReader.Read(path);
        Assert.Equal("Attack, then\tarrests\nand a \"cell\"", data.Articles[0].Text);
        Assert.Equal("Plain talks", data.Articles[1].Text);
        Assert.Equal(4, data.Articles[1].Line);
    }

    [Fact]
    public void Jsonl_lines_are_read_with_optional_fields()
    {
        var path = Write("data.jsonl", "{\"label\":\"afghanistan\",\"text\":\"Kabul\",\"lang\":\"en\",\"secondary\":[\"diplomacy\"]}\n\n{\"Label\":\"diplomacy\",\"Text\":\"Visit\"}\n");
        var data = LabelledDataReader.Read(path);
        Assert.Equal(["afghanistan", "diplomacy"], data.Articles.Select(a => a.Label));
        Assert.Equal(["diplomacy"], data.Articles[0].SecondaryLabels);
        Assert.Equal(3, data.Articles[1].Line);
    }

    [Fact]
    public void A_file_column_reads_each_text_from_a_file_beside_the_data() 
    {
        File.WriteAllText(_directory.File("a.txt"), "Текст статьи");
        var path = Write("labels.tsv", "file\tlabel\na.txt\tdiplomacy\n");
        Assert.Equal("Текст статьи", LabelledDataReader.Read(path).Articles.Single().Text);
    }

    [Fact]
    public void Seeds_are_readable_as_a_data_file()
    {
        var seeds = LabelledDataReader.Read(RepositoryPaths.SeedLabels);
        Assert.Equal(5, seeds.Articles.Count);
        Assert.All(seeds.Articles, a => Assert.True(a.Text.Length > 1000));
    }

    [Theory]
    [InlineData("data.tsv", "label\ttext\nterrorism\t\n", 2, "empty text")]
    [InlineData("data.tsv", "label\ttext\nterrorism\tok\n\tsome text\n", 3, "empty label")]
    [InlineData("data.tsv", "label\tbody\nterrorism\tok\n", 1, "no 'text' column")]
    [InlineData("data.tsv", "text\nok\n", 1, "no 'label' column")]
    [InlineData("data.tsv", "label\ttext\nterrorism\tok\textra\n", 2, "3 tab-separated fields")]
    [InlineData("data.csv", "label,text\nterrorism,\"never closed\n", 2, "never closed")]
    [InlineData("data.jsonl", "{\"label\":\"a\",\"text\":\"b\"}\n{not json}\n", 2, "not valid JSON")]
    [InlineData("data.tsv", "label\ttext\na\tsame text\nb\tsame text\n", 3, "another label")]
    public void Bad_data_names_the_file_line_and_reason(string name, string content, int line, string reason)
    {
        var path = Write(name, content);
        var error = Assert.Throws<LabelledDataException>(() => LabelledDataReader.Read(path));
        Assert.Equal(path, error.FilePath);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:{line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var path = _directory.File("latin1.tsv");
        var bytes = Encoding.UTF8.GetBytes("label\ttext\nterrorism\tok\ndiplomacy\t").Concat(new byte[] { 0xC0, 0xFF, 0x41 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<LabelledDataException>(() => LabelledDataReader.Read(path));
        Assert.Equal(3, error.Line);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var path = _directory.File("nowhere.tsv");
        var error = Assert.Throws<LabelledDataException>(() => LabelledDataReader.Read(path));
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_duplicates_are_reported_and_skipped_and_single_examples_warned()
    {
        var path = Write("data.tsv", "label\ttext\na\tone\na\ttwo\na\tone\nb\tthree\n");
        var data = LabelledDataReader.Read(path);
        Assert.Equal(3, data.Articles.Count);
        Assert.Contains(data.Warnings, w => w.Line == 4 && w.Message.Contains("duplicate text of line 2", StringComparison.Ordinal));
        Assert.Contains(data.Warnings, w => w.Line == 5 && w.Message.Contains("single example", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gigabyte_file_is_refused_before_it_is_read()
    {
        var path = _directory.File("huge.tsv");
        using (var stream = File.Create(path))
        {
            // Sparse: takes no disk space and no time to write.
            stream.SetLength(1L << 30);
        }

        var error = Assert.Throws<LabelledDataException>(() => LabelledDataReader.Read(path));
        Assert.Contains("1024 MB", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_lines_and_stray_quotes_in_a_tsv_are_read_as_written()
    {
        var path = Write("data.tsv", "label\ttext\n\nterrorism\t\"Взрыв\" у \"посольства\n\r\ndiplomacy\tВизит\n");
        var data = LabelledDataReader.Read(path);
        Assert.Equal(["\"Взрыв\" у \"посольства", "Визит"], data.Articles.Select(a => a.Text));
        Assert.Equal(5, data.Articles[1].Line);
    }

    [Fact]
    public void Tsv_escaping_round_trips()
    {
        const string text = "a\\b\nc\td\r\\n literal";
        Assert.Equal(text, TsvEscaping.Unescape(TsvEscaping.Escape(text)));
        Assert.DoesNotContain('\n', TsvEscaping.Escape(text));
    }
}
