using System.Reflection;

namespace Classifier.Core.Text;

/// <summary>Function words of Russian, Kazakh and English, in the folded form that <see cref="TextNormalizer"/> produces.</summary>
public static class StopWords
{
    private static readonly Lazy<string[]> All = new(Load);
    private static readonly Lazy<string[]> ActorPrefixes = new(() => Prefixes("actors"));
    private static readonly Lazy<string[]> MeetingPrefixes = new(() => Prefixes("meeting"));

    public static IReadOnlyList<string> Folded => All.Value;

    /// <summary>Folded prefixes of the words that name who met and where (see StopWords/actors.txt).</summary>
    public static IReadOnlyList<string> FoldedActorPrefixes => ActorPrefixes.Value;

    /// <summary>Folded prefixes of the protocol words and titles of a meeting (see StopWords/meeting.txt).</summary>
    public static IReadOnlyList<string> FoldedMeetingPrefixes => MeetingPrefixes.Value;

    private static string[] Prefixes(string list) =>
        [.. ReadResource(typeof(StopWords).Assembly, list).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(TextNormalizer.Normalize).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal)];

    private static string[] Load()
    {
        var assembly = typeof(StopWords).Assembly;
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var language in new[] { "ru", "kk", "en" })
        {
            foreach (var line in ReadResource(assembly, language))
            {
                var trimmed = line.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                {
                    continue;
                }

                var folded = TextNormalizer.Normalize(trimmed);
                if (folded.Length > 0)
                {
                    words.Add(folded);
                }
            }
        }

        return [.. words];
    }

    private static IEnumerable<string> ReadResource(Assembly assembly, string language)
    {
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".StopWords.{language}.txt", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Stop word list '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
