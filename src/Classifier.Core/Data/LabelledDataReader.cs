using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Classifier.Core.Data;

/// <summary>
/// Reads labelled articles from TSV (backslash escapes, see <see cref="TsvEscaping"/>), CSV (RFC 4180) or JSONL,
/// chosen by extension. Every problem that makes a file unusable is a <see cref="LabelledDataException"/>
/// naming the file, the line and the reason; problems that do not are returned as warnings.
/// </summary>
public static class LabelledDataReader
{
    public static readonly IReadOnlyList<string> SupportedExtensions = [".tsv", ".csv", ".jsonl"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Largest data file read: a million articles of 2,000 characters fit well under it, and a file that is
    /// larger is far more likely a wrong file (a dump, a model, a video) than a corpus.
    /// </summary>
    public const long MaximumFileBytes = 512L * 1024 * 1024;

    public static LabelledDataSet Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new LabelledDataException(path, 0, Directory.Exists(path) ? "is a directory, not a data file" : "file not found");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!SupportedExtensions.Contains(extension))
        {
            throw new LabelledDataException(path, 0, $"unsupported extension '{extension}': use one of {string.Join(", ", SupportedExtensions)}");
        }

        var size = new FileInfo(path).Length;
        if (size > MaximumFileBytes)
        {
            throw new LabelledDataException(path, 0, $"is {size / (1024 * 1024)} MB; data files are limited to {MaximumFileBytes / (1024 * 1024)} MB: split it or check that it is the right file");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new LabelledDataException(path, 0, $"cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LabelledDataException(path, 0, $"cannot be read: {e.Message}");
        }

        var text = Decode(path, bytes);
        var rows = extension switch
        {
            ".tsv" => ReadTsv(path, text),
            ".csv" => ReadCsv(path, text),
            _ => ReadJsonLines(path, text),
        };

        var warnings = new List<DataWarning>();
        var articles = Validate(path, rows, warnings);
        if (articles.Count == 0)
        {
            throw new LabelledDataException(path, 0, "holds no articles");
        }

        return new LabelledDataSet(path, articles, warnings, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static string Decode(string path, byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            // Excel and PowerShell write UTF-16 with a BOM; decoding it is kinder than refusing it.
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException e)
        {
            var at = offset + Math.Max(0, e.Index);
            var line = 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            throw new LabelledDataException(path, line, $"is not valid UTF-8 (byte offset {at}); save the file as UTF-8");
        }
    }

    /// <summary>A row as read, before validation: field values by lower-case column name.</summary>
    private sealed record RawRow(int Line, string? Label, string? Text, string? Lang, string? Secondary);

    private static List<RawRow> ReadTsv(string path, string text)
    {
        var rows = new List<RawRow>();
        var lines = text.Split('\n');
        var header = ParseHeader(path, lines[0].TrimEnd('\r').Split('\t'));
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != header.Count)
            {
                throw new LabelledDataException(path, i + 1, $"has {fields.Length} tab-separated fields, the header has {header.Count}; write tabs inside a field as \\t");
            }

            rows.Add(header.ToRow(i + 1, fields.Select(TsvEscaping.Unescape).ToArray()));
        }

        return rows;
    }

    private static List<RawRow> ReadCsv(string path, string text)
    {
        var rows = new List<RawRow>();
        Header? header = null;
        foreach (var (line, fields) in ParseCsvRecords(path, text))
        {
            if (header is null)
            {
                header = ParseHeader(path, fields);
                continue;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count != header.Count)
            {
                throw new LabelledDataException(path, line, $"has {fields.Count} comma-separated fields, the header has {header.Count}; quote fields that hold commas");
            }

            rows.Add(header.ToRow(line, fields));
        }

        if (header is null)
        {
            throw new LabelledDataException(path, 1, "is empty: expected a header row with 'label' and 'text' columns");
        }

        return rows;
    }

    /// <summary>RFC 4180 records; a quoted field may hold commas, tabs, quotes (doubled) and newlines.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> ParseCsvRecords(string path, string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var quoted = false;
        var fieldStarted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        throw new LabelledDataException(path, line, "has text after a closing quote; double the quote (\"\") to write one inside a field");
                    }

                    continue;
                }

                if (c == '\n')
                {
                    line++;
                }

                field.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    i++;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    i++;
                    break;
                case '\n' or '\r':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    yield return (recordLine, fields);
                    fields = [];
                    line++;
                    recordLine = line;
                    i++;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    i++;
                    break;
            }
        }

        if (quoted)
        {
            throw new LabelledDataException(path, recordLine, "has a quoted field that is never closed");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }

    private static List<RawRow> ReadJsonLines(string path, string text)
    {
        var rows = new List<RawRow>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new LabelledDataException(path, i + 1, $"is not valid JSON: {e.Message}");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new LabelledDataException(path, i + 1, "must be a JSON object like {\"label\": \"...\", \"text\": \"...\"}");
                }

                string? Get(string name)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                        {
                            return property.Value.ValueKind switch
                            {
                                JsonValueKind.String => property.Value.GetString(),
                                JsonValueKind.Null => null,
                                JsonValueKind.Array => string.Join(',', property.Value.EnumerateArray().Select(v => v.ToString())),
                                _ => property.Value.ToString(),
                            };
                        }
                    }

                    return null;
                }

                var label = Get("label");
                var articleText = Get("text");
                if (label is null && articleText is null)
                {
                    throw new LabelledDataException(path, i + 1, "has neither a 'label' nor a 'text' property");
                }

                rows.Add(new RawRow(i + 1, label ?? string.Empty, articleText ?? string.Empty, Get("lang"), Get("secondary")));
            }
        }

        return rows;
    }

    /// <param name="textFile">Index of a <c>file</c> column naming a text file beside the data file, used when there is no <c>text</c> column.</param>
    private sealed class Header(string path, int count, int label, int text, int textFile, int lang, int secondary)
    {
        public int Count => count;

        public RawRow ToRow(int line, IReadOnlyList<string> fields) => new(
            line,
            fields[label],
            text >= 0 ? fields[text] : ReadTextFile(line, fields[textFile]),
            lang >= 0 ? fields[lang] : null,
            secondary >= 0 ? fields[secondary] : null);

        private string ReadTextFile(int line, string name)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var file = Path.GetFullPath(Path.Combine(directory, name.Trim()));
            if (!file.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new LabelledDataException(path, line, $"names a file outside the data file's folder: '{name}'");
            }

            if (!File.Exists(file))
            {
                throw new LabelledDataException(path, line, $"names a text file that does not exist: '{name}'");
            }

            return Decode(file, File.ReadAllBytes(file));
        }
    }

    private static Header ParseHeader(string path, IReadOnlyList<string> columns)
    {
        var names = columns.Select(c => c.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var label = names.IndexOf("label");
        var text = names.IndexOf("text");
        var textFile = text < 0 ? names.IndexOf("file") : -1;
        var missing = new List<string>();
        if (label < 0)
        {
            missing.Add("'label'");
        }

        if (text < 0 && textFile < 0)
        {
            missing.Add("'text'");
        }

        if (missing.Count > 0)
        {
            throw new LabelledDataException(path, 1, $"header has no {string.Join(" or ", missing)} column (found: {string.Join(", ", names.Select(n => $"'{n}'"))})");
        }

        return new Header(path, names.Count, label, text, textFile, names.IndexOf("lang"), names.IndexOf("secondary"));
    }

    private static List<LabelledArticle> Validate(string path, List<RawRow> rows, List<DataWarning> warnings)
    {
        var articles = new List<LabelledArticle>(rows.Count);
        var firstLineOfText = new Dictionary<string, (int Line, string Label)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var label = row.Label?.Trim() ?? string.Empty;
            var text = row.Text ?? string.Empty;
            if (label.Length == 0)
            {
                throw new LabelledDataException(path, row.Line, "has an empty label");
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                throw new LabelledDataException(path, row.Line, "has an empty text");
            }

            if (text.Contains('\0', StringComparison.Ordinal))
            {
                throw new LabelledDataException(path, row.Line, "holds a NUL character: the file is probably binary or in another encoding");
            }

            var key = text.Trim();
            if (firstLineOfText.TryGetValue(key, out var first))
            {
                if (!string.Equals(first.Label, label, StringComparison.Ordinal))
                {
                    throw new LabelledDataException(path, row.Line, $"repeats the text of line {first.Line} with another label ('{label}' here, '{first.Label}' there)");
                }

                warnings.Add(new DataWarning(path, row.Line, $"duplicate text of line {first.Line}; it is skipped"));
                continue;
            }

            firstLineOfText[key] = (row.Line, label);
            var secondary = string.IsNullOrWhiteSpace(row.Secondary)
                ? null
                : row.Secondary.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(s => !string.Equals(s, "none", StringComparison.OrdinalIgnoreCase) && s != label)
                    .ToArray();
            articles.Add(new LabelledArticle(label, text, row.Line, string.IsNullOrWhiteSpace(row.Lang) ? null : row.Lang.Trim(), secondary));
        }

        foreach (var (label, count) in articles.GroupBy(a => a.Label).Select(g => (g.Key, g.Count())))
        {
            if (count == 1)
            {
                var line = articles.First(a => a.Label == label).Line;
                warnings.Add(new DataWarning(path, line, $"label '{label}' has a single example; the model cannot learn it from one article"));
            }
        }

        return articles;
    }
}
