namespace Classifier.Core.Training;

/// <summary>How article text becomes a feature vector. Recorded in every model's metadata.</summary>
/// <param name="Name">The preset name, as given on the command line.</param>
/// <param name="FoldScripts">Fold case, Unicode forms, ё/е and every Kazakh script to one form before featurizing (<see cref="Text.TextNormalizer"/>).</param>
/// <param name="RemoveStopWords">Remove Russian, Kazakh and English function words.</param>
/// <param name="WordNgramLength">Longest word n-gram; all shorter ones are included.</param>
/// <param name="CharNgramLength">Character n-gram length; 0 turns character n-grams off.</param>
/// <param name="CharAllLengths">Also include every shorter character n-gram.</param>
/// <param name="FeaturizeLead">Featurize the headline and lead (the opening of the article) separately, next to the whole text.</param>
/// <param name="MaximumWordNgrams">Cap on the word n-gram dictionary, which bounds model size and scoring cost.</param>
/// <param name="MaximumCharNgrams">Cap on the character n-gram dictionary.</param>
/// <param name="Hashed">One-pass hashed featurization (<see cref="Text.HashedTextFeaturizer"/>) instead of ML.NET's FeaturizeText chain.</param>
/// <param name="ActorBlind">Leave out the words naming who met and where (<see cref="Text.ActorBlindHashedTextFeaturizer"/>).</param>
/// <param name="MeetingBlind">Also leave out the protocol words and titles of a meeting (<see cref="Text.SubjectWholeTextFeaturizer"/>).</param>
public sealed record FeaturizerSettings(
    string Name,
    bool FoldScripts,
    bool RemoveStopWords,
    int WordNgramLength,
    int CharNgramLength,
    bool CharAllLengths,
    bool FeaturizeLead,
    int MaximumWordNgrams,
    int MaximumCharNgrams,
    bool Hashed = false,
    bool ActorBlind = false,
    bool MeetingBlind = false)
{
    /// <summary>ML.NET's FeaturizeText on the raw text, as the samples use it: the baseline to beat.</summary>
    public static readonly FeaturizerSettings Stock = new("stock", false, false, 2, 4, false, false, 1_000_000, 1_000_000);

    /// <summary>Folded scripts, stop words removed, word 1-2-grams and character 4-grams.</summary>
    public static readonly FeaturizerSettings Folded = new("folded", true, true, 2, 4, false, false, 200_000, 200_000);

    /// <summary><see cref="Folded"/> plus the headline and lead featurized on their own.</summary>
    public static readonly FeaturizerSettings FoldedLead = new("folded-lead", true, true, 2, 4, false, true, 200_000, 200_000);

    /// <summary><see cref="FoldedLead"/> with character 3-to-5-grams, which catch more of Russian and Kazakh endings.</summary>
    public static readonly FeaturizerSettings FoldedLeadChar35 = new("folded-lead-char35", true, true, 2, 5, true, true, 200_000, 300_000);

    /// <summary><see cref="FoldedLead"/> in one pass: hashed word 1-2-grams, character 4-grams and lead words in 2^19 dimensions.</summary>
    public static readonly FeaturizerSettings HashedLead = new("hashed-lead", true, true, 2, 4, false, true, Text.HashedFeatures.Dimension, Text.HashedFeatures.Dimension, Hashed: true);

    /// <summary><see cref="HashedLead"/> without the words that name who met and where.</summary>
    public static readonly FeaturizerSettings HashedLeadActorBlind = HashedLead with { Name = "hashed-lead-actor-blind", ActorBlind = true };

    /// <summary><see cref="HashedLeadActorBlind"/> without the headline-and-lead block: meeting reports open with protocol.</summary>
    public static readonly FeaturizerSettings HashedActorBlind = HashedLeadActorBlind with { Name = "hashed-actor-blind", FeaturizeLead = false };

    /// <summary><see cref="HashedActorBlind"/> without the meeting's protocol words and titles either: only the subject is left.</summary>
    public static readonly FeaturizerSettings HashedSubject = HashedActorBlind with { Name = "hashed-subject", MeetingBlind = true };

    public static readonly IReadOnlyList<FeaturizerSettings> Presets = [Stock, Folded, FoldedLead, FoldedLeadChar35, HashedLead, HashedLeadActorBlind, HashedActorBlind, HashedSubject];

    /// <summary>The preset that measured best on the held-out test data (see README).</summary>
    public static FeaturizerSettings Default => HashedSubject;

    public static FeaturizerSettings FromName(string name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown featurizer '{name}'. Known: {string.Join(", ", Presets.Select(p => p.Name))}.", nameof(name));
}
