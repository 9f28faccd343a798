using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Classifier.Core.Text;

public sealed class HashedFeatures
{
    public const int Dimension = 1 << 19;

    [VectorType(Dimension)]
    public VBuffer<float> Features { get; set; }
}

/// <summary>
/// The whole featurization in one pass, as an ML.NET transform saved inside the model: fold the scripts,
/// split words, drop stop words, and hash word 1-2-grams, character 4-grams of words, and the lead's word
/// 1-2-grams into one sparse vector. It does what the FeaturizeText chain does, without its dictionaries
/// and intermediate columns, which is where most of a prediction's time went (see README, Performance).
/// </summary>
/// <remarks>
/// Each block is L2-normalized on its own (the whole text's words and character n-grams together, as
/// FeaturizeText does; the lead apart), so a long article and a wire item of the same topic look alike.
/// </remarks>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class HashedTextFeaturizer : CustomMappingFactory<TopicTextSource, HashedFeatures>
{
    public const string ContractName = "TopicTextHashed.v1";

    /// <summary>Character n-gram length over words padded with a space on each side.</summary>
    public const int CharNgram = 4;

    private const uint WordSeed = 0x9E3779B1;
    private const uint BigramSeed = 0x85EBCA77;
    private const uint CharSeed = 0xC2B2AE3D;
    private const uint LeadSeed = 0x27D4EB2F;

    private static readonly HashSet<ulong> StopWordHashes = [.. StopWords.Folded.Select(w => Hash64(w.AsSpan()))];
    private static readonly WordPrefixSet Actors = new(StopWords.FoldedActorPrefixes);
    private static readonly WordPrefixSet ActorsAndMeeting = new([.. StopWords.FoldedActorPrefixes, .. StopWords.FoldedMeetingPrefixes]);

    [ThreadStatic]
    private static State? t_state;

    public override Action<TopicTextSource, HashedFeatures> GetMapping() => Map;

    public static void Map(TopicTextSource input, HashedFeatures output) => Map(input, output, WordFilter.None, useLead: true);

    internal static void Map(TopicTextSource input, HashedFeatures output, WordFilter filter, bool useLead)
    {
        var state = t_state ??= new State();
        state.Reset();
        var folded = state.Folded;
        TextNormalizer.Normalize((input.Text ?? string.Empty).AsSpan(), folded);
        var text = folded.Length <= state.Chars.Length ? CopyTo(folded, state) : folded.ToString().AsSpan();
        Visit(text, state, filter, useLead);
        output.Features = state.ToVector(output.Features);
    }

    /// <summary>
    /// Calls <paramref name="sink"/> once for every feature occurrence of the folded text, with the span of
    /// the folded text it comes from (one word, or two for a bigram). Map and the explanations share it, so
    /// an explanation accounts for exactly the features the model saw.
    /// </summary>
    public static void Visit(ReadOnlySpan<char> text, IFeatureSink sink, WordFilter filter = WordFilter.None, bool useLead = true)
    {
        var leadEnd = useLead ? LeadEnd(text) : 0;
        var skipped = filter switch
        {
            WordFilter.Actors => Actors,
            WordFilter.ActorsAndMeeting => ActorsAndMeeting,
            _ => null,
        };
        ulong previous = 0;
        var previousStart = -1;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != ' ')
            {
                continue;
            }

            if (i > start)
            {
                var word = text[start..i];
                var wordHash = Hash64(word);
                if (!StopWordHashes.Contains(wordHash) && !(skipped?.StartsAny(word) ?? false))
                {
                    var inLead = start < leadEnd;
                    sink.Add(Index(wordHash, WordSeed), FeatureBlock.Whole, start, i);
                    if (inLead)
                    {
                        sink.Add(Index(wordHash, LeadSeed), FeatureBlock.Lead, start, i);
                    }

                    if (previousStart >= 0)
                    {
                        var bigram = (previous * 31) ^ wordHash;
                        sink.Add(Index(bigram, BigramSeed), FeatureBlock.Whole, previousStart, i);
                        if (inLead)
                        {
                            sink.Add(Index(bigram, LeadSeed ^ BigramSeed), FeatureBlock.Lead, previousStart, i);
                        }
                    }

                    AddCharNgrams(word, start, i, sink);
                    previous = wordHash;
                    previousStart = start;
                }
            }

            start = i + 1;
        }
    }

    private static ReadOnlySpan<char> CopyTo(System.Text.StringBuilder folded, State state)
    {
        folded.CopyTo(0, state.Chars, folded.Length);
        return state.Chars.AsSpan(0, folded.Length);
    }

    /// <summary>The headline and lead: the first <see cref="TopicTextMapping.LeadLength"/> characters, to a word boundary.</summary>
    private static int LeadEnd(ReadOnlySpan<char> text)
    {
        if (text.Length <= TopicTextMapping.LeadLength)
        {
            return text.Length;
        }

        var cut = text[..TopicTextMapping.LeadLength].LastIndexOf(' ');
        return cut > 0 ? cut : TopicTextMapping.LeadLength;
    }

    private static void AddCharNgrams(ReadOnlySpan<char> word, int start, int end, IFeatureSink sink)
    {
        // " word " padded, so that beginnings and endings of words (Russian and Kazakh suffixes) are n-grams of their own.
        Span<char> padded = stackalloc char[Math.Min(word.Length, 256) + 2];
        padded[0] = ' ';
        word[..(padded.Length - 2)].CopyTo(padded[1..]);
        padded[^1] = ' ';
        if (padded.Length < CharNgram)
        {
            sink.Add(Index(Hash64(padded), CharSeed), FeatureBlock.Whole, start, end);
            return;
        }

        for (var i = 0; i + CharNgram <= padded.Length; i++)
        {
            sink.Add(Index(Hash64(padded.Slice(i, CharNgram)), CharSeed), FeatureBlock.Whole, start, end);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(ulong hash, uint seed)
    {
        var mixed = (hash ^ seed) * 0xFF51AFD7ED558CCDUL;
        mixed ^= mixed >> 33;
        return (int)(mixed & (HashedFeatures.Dimension - 1));
    }

    /// <summary>FNV-1a over UTF-16 code units: fast, stable across processes and versions (unlike string.GetHashCode).</summary>
    internal static ulong Hash64(ReadOnlySpan<char> text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }

    /// <summary>
    /// Per-thread scratch space: counts live in flat arrays indexed by feature (an increment is one store,
    /// not a hash-table lookup), and only the touched indices are visited and cleared afterwards.
    /// </summary>
    private sealed class State : IFeatureSink
    {
        public readonly System.Text.StringBuilder Folded = new(4096);
        public char[] Chars = new char[16384];
        private readonly float[] _whole = new float[HashedFeatures.Dimension];
        private readonly float[] _lead = new float[HashedFeatures.Dimension];
        private readonly List<int> _touchedWhole = new(2048);
        private readonly List<int> _touchedLead = new(256);
        private readonly List<int> _indices = new(2048);

        public void Reset()
        {
            Folded.Clear();
            foreach (var i in _touchedWhole)
            {
                _whole[i] = 0;
            }

            foreach (var i in _touchedLead)
            {
                _lead[i] = 0;
            }

            _touchedWhole.Clear();
            _touchedLead.Clear();
        }

        public void Add(int index, FeatureBlock block, int start, int end)
        {
            if (block == FeatureBlock.Lead)
            {
                if (_lead[index]++ == 0)
                {
                    _touchedLead.Add(index);
                }
            }
            else if (_whole[index]++ == 0)
            {
                _touchedWhole.Add(index);
            }
        }

        public VBuffer<float> ToVector(VBuffer<float> reuse)
        {
            var wholeScale = Scale(_whole, _touchedWhole);
            var leadScale = Scale(_lead, _touchedLead);

            // Lead features are hashed into the same space; where they meet a whole-text feature the two add up.
            _indices.Clear();
            _indices.AddRange(_touchedWhole);
            foreach (var i in _touchedLead)
            {
                if (_whole[i] == 0)
                {
                    _indices.Add(i);
                }
            }

            _indices.Sort();
            var editor = VBufferEditor.Create(ref reuse, HashedFeatures.Dimension, _indices.Count, requireIndicesOnDense: false);
            for (var k = 0; k < _indices.Count; k++)
            {
                var i = _indices[k];
                editor.Indices[k] = i;
                editor.Values[k] = (Tf(_whole[i]) * wholeScale) + (Tf(_lead[i]) * leadScale);
            }

            return editor.Commit();
        }

        private static float Tf(float count) => TermFrequency(count);

        private static float Scale(float[] counts, List<int> touched)
        {
            var norm = 0.0;
            foreach (var i in touched)
            {
                norm += Tf(counts[i]) * Tf(counts[i]);
            }

            return norm == 0 ? 0 : (float)(1 / Math.Sqrt(norm));
        }
    }

    /// <summary>
    /// Sublinear term frequency, 1 + ln(count): names repeated through a long press release (the
    /// country, the president, the organisation) stop outweighing the words of the subject. It measured
    /// better on the test data than raw counts (macro-F1 0.973 against 0.967).
    /// </summary>
    public static float TermFrequency(float count) => count == 0 ? 0 : 1 + MathF.Log(count);

    /// <summary>1 / the L2 norm of a block's term frequencies, or 0 for an empty block.</summary>
    public static float BlockScale(IReadOnlyDictionary<int, float> counts)
    {
        var norm = 0.0;
        foreach (var count in counts.Values)
        {
            var value = TermFrequency(count);
            norm += value * value;
        }

        return norm == 0 ? 0 : (float)(1 / Math.Sqrt(norm));
    }
}

/// <summary>Which words a hashed featurizer leaves out besides the stop words.</summary>
public enum WordFilter
{
    None,

    /// <summary>The words that name who met and where (StopWords/actors.txt).</summary>
    Actors,

    /// <summary>Those, and the protocol words and titles of the meeting itself (StopWords/meeting.txt).</summary>
    ActorsAndMeeting,
}

/// <summary>Folded word prefixes, checked by hash in one pass over a word (FNV-1a is incremental, so every prefix length costs one step).</summary>
internal sealed class WordPrefixSet
{
    private readonly HashSet<ulong> _hashes;
    private readonly int _shortest;
    private readonly int _longest;

    public WordPrefixSet(IReadOnlyCollection<string> prefixes)
    {
        _hashes = [.. prefixes.Select(p => HashedTextFeaturizer.Hash64(p.AsSpan()))];
        _shortest = prefixes.Min(p => p.Length);
        _longest = prefixes.Max(p => p.Length);
    }

    public bool StartsAny(ReadOnlySpan<char> word)
    {
        var hash = 0xCBF29CE484222325UL;
        var limit = Math.Min(word.Length, _longest);
        for (var i = 0; i < limit; i++)
        {
            hash = (hash ^ word[i]) * 0x100000001B3UL;
            if (i + 1 >= _shortest && _hashes.Contains(hash))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Which normalized block of the vector a feature belongs to.</summary>
public enum FeatureBlock
{
    Whole,
    Lead,
}

/// <summary>Receives feature occurrences from <see cref="HashedTextFeaturizer.Visit"/>.</summary>
public interface IFeatureSink
{
    /// <param name="index">The hashed feature index.</param>
    /// <param name="block">The block it is counted in.</param>
    /// <param name="start">Start of the folded text it comes from.</param>
    /// <param name="end">End (exclusive) of that text.</param>
    void Add(int index, FeatureBlock block, int start, int end);
}

/// <summary>
/// <see cref="HashedTextFeaturizer"/> without the words that name who met and where (states, capitals,
/// heads of state): topics.md labels a meeting by the subject it develops, not by who met, and the
/// explanations showed those names deciding long press releases (see README, "How a text becomes features").
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ActorBlindHashedTextFeaturizer : CustomMappingFactory<TopicTextSource, HashedFeatures>
{
    public const string ContractName = "TopicTextHashed.ActorBlind.v1";

    public static void Map(TopicTextSource input, HashedFeatures output) => HashedTextFeaturizer.Map(input, output, WordFilter.Actors, useLead: true);

    public override Action<TopicTextSource, HashedFeatures> GetMapping() => Map;
}

/// <summary><see cref="ActorBlindHashedTextFeaturizer"/> without the separate headline-and-lead block.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ActorBlindWholeTextFeaturizer : CustomMappingFactory<TopicTextSource, HashedFeatures>
{
    public const string ContractName = "TopicTextHashed.ActorBlind.NoLead.v1";

    public static void Map(TopicTextSource input, HashedFeatures output) => HashedTextFeaturizer.Map(input, output, WordFilter.Actors, useLead: false);

    public override Action<TopicTextSource, HashedFeatures> GetMapping() => Map;
}

/// <summary>
/// <see cref="ActorBlindWholeTextFeaturizer"/> that also leaves out the meeting's own words: protocol formulas
/// and the titles of those who met (StopWords/meeting.txt). What is left is what the meeting was about, which
/// is what topics.md labels it by.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class SubjectWholeTextFeaturizer : CustomMappingFactory<TopicTextSource, HashedFeatures>
{
    public const string ContractName = "TopicTextHashed.Subject.NoLead.v1";

    public static void Map(TopicTextSource input, HashedFeatures output) => HashedTextFeaturizer.Map(input, output, WordFilter.ActorsAndMeeting, useLead: false);

    public override Action<TopicTextSource, HashedFeatures> GetMapping() => Map;
}
