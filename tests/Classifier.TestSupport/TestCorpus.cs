using System.Text;
using Classifier.Core.Data;

namespace Classifier.TestSupport;

/// <summary>Small, deterministic samples of the committed corpus: tests train on these, never on all of it.</summary>
public static class TestCorpus
{
    private static readonly Lazy<IReadOnlyList<LabelledArticle>> Train = new(() => LabelledDataReader.Read(RepositoryPaths.TrainFile).Articles);
    private static readonly Lazy<IReadOnlyList<LabelledArticle>> Test = new(() => LabelledDataReader.Read(RepositoryPaths.TestFile).Articles);

    /// <summary>The off-topic label of the committed corpus.</summary>
    public const string OffTopic = "other";

    /// <summary>
    /// The first <paramref name="perLabel"/> training articles of each topic, spread over the file; with
    /// <paramref name="offTopic"/>, as many off-topic articles too.
    /// </summary>
    public static IReadOnlyList<LabelledArticle> TrainSample(int perLabel, bool offTopic = false) => Sample(Select(Train.Value, offTopic), perLabel);

    public static IReadOnlyList<LabelledArticle> TestSample(int perLabel, bool offTopic = false) => Sample(Select(Test.Value, offTopic), perLabel);

    private static List<LabelledArticle> Select(IReadOnlyList<LabelledArticle> articles, bool offTopic) =>
        articles.Where(a => offTopic || a.Label != OffTopic).ToList();

    public static IReadOnlyList<LabelledArticle> Sample(IReadOnlyList<LabelledArticle> articles, int perLabel) =>
        articles.GroupBy(a => a.Label, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var all = g.ToList();
                var step = Math.Max(1, all.Count / perLabel);
                return all.Where((_, i) => i % step == 0).Take(perLabel);
            })
            .ToList();

    /// <summary>Writes articles as a TSV data file (label, lang, secondary, text) and returns its path.</summary>
    public static string WriteTsv(string path, IEnumerable<LabelledArticle> articles)
    {
        var builder = new StringBuilder("label\tlang\tsecondary\ttext\n");
        foreach (var article in articles)
        {
            builder.Append(article.Label).Append('\t').Append(article.Lang ?? string.Empty).Append('\t')
                .Append(article.SecondaryLabels.Count == 0 ? "none" : string.Join(',', article.SecondaryLabels)).Append('\t')
                .Append(TsvEscaping.Escape(article.Text)).Append('\n');
        }

        File.WriteAllText(path, builder.ToString(), new UTF8Encoding(false));
        return path;
    }

    /// <summary>The same articles under other label names: a model trained on them has a different label set.</summary>
    public static IReadOnlyList<LabelledArticle> Relabel(IEnumerable<LabelledArticle> articles, Func<string, string> rename) =>
        articles.Select(a => a with { Label = rename(a.Label) }).ToList();
}
