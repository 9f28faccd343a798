using System.Globalization;
using System.Text;

namespace Classifier.Core.Text;

/// <summary>
/// Folds Russian, Kazakh (Cyrillic and every official Latin alphabet) and English text into one lower-case
/// Latin skeleton, so that a Kazakh article in Cyrillic, in the 2017 apostrophe alphabet, in the 2018 acute
/// alphabet (Kazinform's Latin edition) and in the 2021 alphabet all produce the same features.
/// </summary>
/// <remarks>
/// The folding is deliberately lossy: ә/а, ө/о, ұ/ү/у, і/и/й collapse, because the Latin alphabets disagree on
/// those letters (2018 writes и as "ı", 2021 writes і as "ı") and a classifier gains nothing from keeping them
/// apart. Everything that is not a letter becomes a single space; digits are dropped because in news pages
/// they are mostly dates, prices and currency rates, which say nothing about the topic.
/// </remarks>
public static class TextNormalizer
{
    private static readonly string?[] CharMap = BuildCharMap();

    /// <summary>Latin letters written with a trailing apostrophe in the 2017 Kazakh alphabet.</summary>
    private static readonly Dictionary<char, string> ApostropheDigraphs = new()
    {
        ['a'] = "a", ['g'] = "g", ['n'] = "n", ['o'] = "o", ['u'] = "u",
        ['y'] = "u", ['i'] = "i", ['s'] = "sh", ['c'] = "ch",
    };

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        Normalize(text.AsSpan(), builder);
        return builder.ToString();
    }

    public static void Normalize(ReadOnlySpan<char> text, StringBuilder output) => Normalize(text, output, null);

    /// <summary>Folds <paramref name="text"/>; <paramref name="sourceIndex"/>, when given, receives for every output character the index of the input character it came from.</summary>
    public static void Normalize(ReadOnlySpan<char> text, StringBuilder output, List<int>? sourceIndex)
    {
        var lastWasSpace = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? mapped;
            if (c < CharMap.Length)
            {
                mapped = CharMap[c];
            }
            else if (char.IsLetter(c))
            {
                // Letters of other scripts (Arabic names, Chinese) are kept as they are, lower-cased.
                mapped = null;
                output.Append(char.ToLowerInvariant(c));
                sourceIndex?.Add(i);
                lastWasSpace = false;
                continue;
            }
            else
            {
                mapped = " ";
            }

            if (mapped is null)
            {
                continue;
            }

            if (IsApostrophe(mapped) && output.Length > 0 && !lastWasSpace && i + 1 < text.Length
                && char.IsLetter(text[i + 1]))
            {
                // 2017 alphabet: s'ekara, g'ylym. Replace the letter before the apostrophe by its folded form.
                var previous = output[^1];
                if (ApostropheDigraphs.TryGetValue(previous, out var folded))
                {
                    output.Length--;
                    var from = sourceIndex is null ? 0 : sourceIndex[^1];
                    sourceIndex?.RemoveAt(sourceIndex.Count - 1);
                    output.Append(folded);
                    for (var k = 0; k < folded.Length; k++)
                    {
                        sourceIndex?.Add(from);
                    }
                }

                continue;
            }

            if (mapped == " " || IsApostrophe(mapped))
            {
                if (!lastWasSpace)
                {
                    output.Append(' ');
                    sourceIndex?.Add(i);
                    lastWasSpace = true;
                }

                continue;
            }

            output.Append(mapped);
            for (var k = 0; sourceIndex is not null && k < mapped.Length; k++)
            {
                sourceIndex.Add(i);
            }

            lastWasSpace = false;
        }

        if (output.Length > 0 && output[^1] == ' ')
        {
            output.Length--;
            sourceIndex?.RemoveAt(sourceIndex.Count - 1);
        }
    }

    private static bool IsApostrophe(string mapped) => ReferenceEquals(mapped, Apostrophe);

    private const string Apostrophe = "'";

    private static string?[] BuildCharMap()
    {
        // Covers Basic Latin, Latin-1, Latin Extended-A/B (the Kazakh Latin letters live there), Cyrillic and
        // General Punctuation (typographic apostrophes, dashes, zero-width characters).
        var map = new string?[0x2070];
        for (var c = 0; c < map.Length; c++)
        {
            map[c] = " ";
        }

        for (var c = 'a'; c <= 'z'; c++)
        {
            map[c] = c.ToString();
            map[char.ToUpperInvariant(c)] = c.ToString();
        }

        foreach (var c in "'\u2019\u02BC\u2018\u0060\u00B4")
        {
            map[c] = Apostrophe;
        }

        // Soft hyphen and zero-width characters inside words are dropped, not turned into spaces.
        foreach (var c in "\u00AD\u200B\u200C\u200D\u2060")
        {
            map[c] = null;
        }

        // Latin letters with diacritics: the Kazakh ones first, then everything else folded to its base letter.
        var kazakhLatin = new Dictionary<char, string>
        {
            ['á'] = "a", ['ä'] = "a", ['ǵ'] = "g", ['ğ'] = "g", ['ı'] = "i", ['ń'] = "n", ['ñ'] = "n",
            ['ó'] = "o", ['ö'] = "o", ['ú'] = "u", ['ü'] = "u", ['ū'] = "u", ['ý'] = "u", ['ş'] = "sh",
            ['ç'] = "ch", ['ß'] = "ss", ['æ'] = "ae", ['ø'] = "o", ['œ'] = "oe", ['đ'] = "d", ['ł'] = "l",
        };
        for (var c = 0x00C0; c < 0x0250; c++)
        {
            var ch = (char)c;
            if (!char.IsLetter(ch))
            {
                continue;
            }

            var lower = char.ToLowerInvariant(ch);
            if (kazakhLatin.TryGetValue(lower, out var kazakh))
            {
                map[c] = kazakh;
                continue;
            }

            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            var baseLetter = decomposed.Length > 0 && decomposed[0] < 128 && char.IsLetter(decomposed[0])
                ? decomposed[0].ToString()
                : lower.ToString();
            map[c] = baseLetter;
        }

        // Combining marks (text that arrives in NFD) vanish so that "е" + U+0308 reads as "е".
        for (var c = 0x0300; c < 0x0370; c++)
        {
            map[c] = null;
        }

        var cyrillic = new Dictionary<char, string>
        {
            ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e",
            ['ж'] = "j", ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m",
            ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u",
            ['ф'] = "f", ['х'] = "h", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "sh", ['ъ'] = "",
            ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "iu", ['я'] = "ia",
            // Kazakh letters.
            ['ә'] = "a", ['ғ'] = "g", ['қ'] = "q", ['ң'] = "n", ['ө'] = "o", ['ұ'] = "u", ['ү'] = "u",
            ['һ'] = "h", ['і'] = "i",
            // Ukrainian and Kyrgyz letters met in names.
            ['є'] = "e", ['ї'] = "i", ['ґ'] = "g",
        };
        foreach (var (lower, folded) in cyrillic)
        {
            map[lower] = folded;
            var upper = char.ToUpper(lower, CultureInfo.InvariantCulture);
            if (upper != lower && upper < map.Length)
            {
                map[upper] = folded;
            }
        }

        // Hard and soft signs disappear without splitting the word.
        map['ъ'] = null;
        map['Ъ'] = null;
        map['ь'] = null;
        map['Ь'] = null;
        return map;
    }
}
