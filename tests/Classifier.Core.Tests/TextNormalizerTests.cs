using System.Text;
using Classifier.Core.Text;

namespace Classifier.Core.Tests;

public class TextNormalizerTests
{
    [Theory]
    // "The border service of Kazakhstan" in Cyrillic, the 2017, 2018 and 2021 Latin alphabets.
    [InlineData("Қазақстанның шекара қызметі", "Qazaqstannyń shekara qyzmeti")]
    [InlineData("Қазақстанның шекара қызметі", "Qazaqstannyñ şekara qyzmetı")]
    [InlineData("Қазақстанның шекара қызметі", "Qazaqstannyn' s'ekara qyzmeti")]
    // Foreign ministry: и/і/ы and у/ү/ұ are written differently by every alphabet.
    [InlineData("Сыртқы істер министрлігі", "Syrtqy ister mınıstrligi")]
    [InlineData("Сыртқы істер министрлігі", "Syrtqy ıster ministrlıgı")]
    [InlineData("Ұлттық қауіпсіздік комитеті үшін", "Ulttyq qaýipsizdik komıteti úshin")]
    [InlineData("Ұлттық қауіпсіздік комитеті үшін", "Ūlttyq qauıpsızdık komitetı üşın")]
    [InlineData("Әскери бөлім", "Áskerı bólim")]
    public void Every_Kazakh_script_folds_to_the_same_text(string cyrillic, string latin) =>
        Assert.Equal(TextNormalizer.Normalize(cyrillic), TextNormalizer.Normalize(latin));

    [Fact]
    public void Yo_and_ye_fold_together() =>
        Assert.Equal(TextNormalizer.Normalize("Неё ещё"), TextNormalizer.Normalize("нее еще"));

    [Fact]
    public void Decomposed_unicode_folds_like_composed()
    {
        var composed = "Ёлка и Қазақстан";
        Assert.Equal(TextNormalizer.Normalize(composed), TextNormalizer.Normalize(composed.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Case_punctuation_digits_and_page_noise_become_single_spaces() =>
        Assert.Equal("usd eur border guards", TextNormalizer.Normalize("USD - 447.75 EUR - 490.40\n\n«Border» guards!!!"));

    [Fact]
    public void English_possessive_keeps_the_word_whole() =>
        Assert.Equal("kazakhstans border", TextNormalizer.Normalize("Kazakhstan's border"));

    [Fact]
    public void Empty_and_symbol_only_texts_give_empty_output()
    {
        Assert.Equal(string.Empty, TextNormalizer.Normalize(null));
        Assert.Equal(string.Empty, TextNormalizer.Normalize("  12 345 — !!! 🙂 \u0000"));
    }

    [Fact]
    public void Russian_text_is_transliterated_word_by_word() =>
        Assert.Equal("pogranichniki zaderjali narushitelia", TextNormalizer.Normalize("Пограничники задержали нарушителя"));

    [Fact]
    public void Stop_words_are_folded_like_the_text()
    {
        Assert.Contains(TextNormalizer.Normalize("которые"), StopWords.Folded);
        Assert.Contains(TextNormalizer.Normalize("және"), StopWords.Folded);
        Assert.Contains("the", StopWords.Folded);
        Assert.DoesNotContain(TextNormalizer.Normalize("граница"), StopWords.Folded);
    }

    [Fact]
    public void The_lead_is_cut_at_a_word_boundary()
    {
        var text = string.Join(' ', Enumerable.Repeat("shekara", 200));
        var lead = TopicTextMapping.CutLead(text);
        Assert.True(lead.Length <= TopicTextMapping.LeadLength);
        Assert.EndsWith("shekara", lead, StringComparison.Ordinal);
    }
}
