namespace Classifier.Core.Data;

/// <summary>One labelled article as read from a data file.</summary>
/// <param name="Label">The topic the article is filed under.</param>
/// <param name="Text">The article text, as written (newlines and tabs restored).</param>
/// <param name="Line">The 1-based line of the file where the article starts, for error messages.</param>
/// <param name="Lang">The language code from an optional <c>lang</c> column.</param>
/// <param name="Secondary">Other topics the article develops, from an optional <c>secondary</c> column.</param>
public sealed record LabelledArticle(string Label, string Text, int Line, string? Lang = null, IReadOnlyList<string>? Secondary = null)
{
    public IReadOnlyList<string> SecondaryLabels => Secondary ?? [];
}

/// <summary>The articles of one data file, with what was noticed while reading it.</summary>
public sealed record LabelledDataSet(string Path, IReadOnlyList<LabelledArticle> Articles, IReadOnlyList<DataWarning> Warnings, string Sha256)
{
    public IReadOnlyDictionary<string, int> RowsPerLabel =>
        Articles.GroupBy(a => a.Label, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

/// <summary>Something worth telling the user about a data file that does not stop training.</summary>
public sealed record DataWarning(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line}: {Message}";
}

/// <summary>A data file that cannot be used; names the file, the line and the reason.</summary>
public sealed class LabelledDataException : Exception
{
    public LabelledDataException(string path, int line, string reason)
        : base(line > 0 ? $"{path}:{line}: {reason}" : $"{path}: {reason}")
    {
        FilePath = path;
        Line = line;
        Reason = reason;
    }

    public LabelledDataException()
    {
        FilePath = string.Empty;
        Reason = string.Empty;
    }

    public LabelledDataException(string message)
        : base(message)
    {
        FilePath = string.Empty;
        Reason = message;
    }

    public LabelledDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
        Reason = message;
    }

    public string FilePath { get; }

    /// <summary>1-based line, or 0 when the problem concerns the whole file.</summary>
    public int Line { get; }

    public string Reason { get; }
}
