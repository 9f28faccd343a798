using Classifier.Core.Text;

namespace Classifier.Core.Data;

/// <summary>A run of words two articles share, or a pair of articles that are nearly the same.</summary>
public sealed record ArticleOverlap(LabelledArticle First, LabelledArticle Second, string Evidence);

/// <summary>
/// Finds leakage between data files: shared runs of consecutive words, and near-duplicate articles.
/// Words are compared after script folding, so a transliterated copy counts as a copy.
/// </summary>
public static class CorpusOverlap
{
    /// <summary>Articles of <paramref name="test"/> that share a run of <paramref name="words"/> consecutive words with an article of <paramref name="train"/>.</summary>
    public static IReadOnlyList<ArticleOverlap> SharedRuns(IReadOnlyList<LabelledArticle> train, IReadOnlyList<LabelledArticle> test, int words = 12)
    {
        var index = new Dictionary<ulong, LabelledArticle>();
        foreach (var article in train)
        {
            foreach (var (hash, _) in Shingles(article.Text, words))
            {
                index.TryAdd(hash, article);
            }
        }

        var overlaps = new List<ArticleOverlap>();
        foreach (var article in test)
        {
            foreach (var (hash, run) in Shingles(article.Text, words))
            {
                if (index.TryGetValue(hash, out var other))
                {
                    overlaps.Add(new ArticleOverlap(other, article, run));
                    break;
                }
            }
        }

        return overlaps;
    }

    /// <summary>Pairs of articles whose word 8-gram sets overlap by more than <paramref name="threshold"/> of the smaller one.</summary>
    public static IReadOnlyList<ArticleOverlap> NearDuplicates(IReadOnlyList<LabelledArticle> articles, double threshold = 0.5)
    {
        const int words = 8;
        var sets = articles.Select(a => Shingles(a.Text, words).Select(s => s.Hash).ToHashSet()).ToList();
        var postings = new Dictionary<ulong, List<int>>();
        for (var i = 0; i < sets.Count; i++)
        {
            foreach (var hash in sets[i])
            {
                if (!postings.TryGetValue(hash, out var list))
                {
                    postings[hash] = list = [];
                }

                list.Add(i);
            }
        }

        var pairs = new List<ArticleOverlap>();
        for (var i = 0; i < sets.Count; i++)
        {
            var shared = new Dictionary<int, int>();
            foreach (var hash in sets[i])
            {
                foreach (var j in postings[hash])
                {
                    if (j > i)
                    {
                        shared[j] = shared.GetValueOrDefault(j) + 1;
                    }
                }
            }

            foreach (var (j, count) in shared)
            {
                var smaller = Math.Min(sets[i].Count, sets[j].Count);
                if (smaller > 0 && (double)count / smaller > threshold)
                {
                    pairs.Add(new ArticleOverlap(articles[i], articles[j], $"{count} of {smaller} eight-word runs shared"));
                }
            }
        }

        return pairs;
    }

    private static IEnumerable<(ulong Hash, string Run)> Shingles(string text, int words)
    {
        var tokens = TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + words <= tokens.Length; i++)
        {
            var run = string.Join(' ', tokens, i, words);
            yield return (HashedTextFeaturizer.Hash64(run.AsSpan()), run);
        }
    }
}
