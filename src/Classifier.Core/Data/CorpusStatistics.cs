namespace Classifier.Core.Data;

/// <summary>Length bands of articles, by characters: headline plus lead, medium, full article, very long page.</summary>
public enum LengthBand
{
    Short,
    Medium,
    Full,
    Long,
}

/// <summary>Counts of a data file by label, language and length band, to check a corpus against its targets.</summary>
public sealed record CorpusStatistics(
    int Rows,
    IReadOnlyDictionary<string, int> ByLabel,
    IReadOnlyDictionary<string, int> ByLanguage,
    IReadOnlyDictionary<LengthBand, int> ByLength,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByLabelAndLanguage,
    double MeanLength)
{
    public const int ShortBelow = 400;
    public const int FullFrom = 1000;
    public const int LongAbove = 5000;

    public static LengthBand BandOf(string text) => text.Length switch
    {
        < ShortBelow => LengthBand.Short,
        < FullFrom => LengthBand.Medium,
        <= LongAbove => LengthBand.Full,
        _ => LengthBand.Long,
    };

    public static CorpusStatistics Compute(IReadOnlyList<LabelledArticle> articles)
    {
        static string LanguageOf(LabelledArticle a) => a.Lang ?? "unknown";
        return new CorpusStatistics(
            articles.Count,
            Count(articles, a => a.Label),
            Count(articles, LanguageOf),
            Enum.GetValues<LengthBand>().ToDictionary(b => b, b => articles.Count(a => BandOf(a.Text) == b)),
            articles.GroupBy(a => a.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Count(g.ToList(), LanguageOf), StringComparer.Ordinal),
            articles.Count == 0 ? 0 : articles.Average(a => a.Text.Length));
    }

    private static IReadOnlyDictionary<string, int> Count(IReadOnlyList<LabelledArticle> articles, Func<LabelledArticle, string> key) =>
        articles.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
