using Classifier.Core.Text;

namespace Classifier.Core.Tests;

public class HashedTextFeaturizerTests
{
    private static int Features(string text, WordFilter filter)
    {
        var output = new HashedFeatures();
        HashedTextFeaturizer.Map(new TopicTextSource { Text = text }, output, filter, useLead: false);
        return output.Features.GetValues().Length;
    }

    [Theory]
    [InlineData("Казахстан Kazakhstan Қазақстан Qazaqstan Ташкентте")]
    [InlineData("Президент Токаев")]
    public void Actor_blind_features_leave_out_who_met_and_where(string actors)
    {
        Assert.True(Features(actors, WordFilter.None) > 0);
        Assert.Equal(0, Features(actors, WordFilter.Actors));
        Assert.Equal(0, Features(actors, WordFilter.ActorsAndMeeting));
    }

    [Theory]
    [InlineData("Стороны обсудили двустороннее сотрудничество и стратегическое партнерство в ходе консультаций")]
    [InlineData("Тараптар екіжақты ынтымақтастықты талқылады, кездесуде министр мен хатшы")]
    [InlineData("Taraptar ekijaqty yntymaqtastyqty talqylady")]
    [InlineData("The sides discussed bilateral cooperation during the minister's visit and talks")]
    public void Subject_features_also_leave_out_the_meetings_own_words(string protocol)
    {
        var kept = Features(protocol, WordFilter.Actors);
        var withoutMeeting = Features(protocol, WordFilter.ActorsAndMeeting);
        Assert.True(withoutMeeting < kept / 3, $"{withoutMeeting} of {kept} features kept");
    }

    [Theory]
    [InlineData("Пограничники задержали нарушителей у пункта пропуска на границе")]
    [InlineData("Шекарашылар өткізу пунктінде контрабанданы ұстады")]
    [InlineData("Militants attacked a checkpoint; the Taliban blamed an Islamic State cell")]
    public void Subject_features_keep_the_subject(string subject)
    {
        Assert.Equal(Features(subject, WordFilter.Actors), Features(subject, WordFilter.ActorsAndMeeting));
    }

    [Fact]
    public void No_left_out_prefix_is_short_enough_to_swallow_unrelated_words()
    {
        Assert.NotEmpty(StopWords.FoldedMeetingPrefixes);
        Assert.All(StopWords.FoldedMeetingPrefixes, p => Assert.True(p.Length >= 4, p));

        // Three letters only for abbreviations such as КНР, the People's Republic of China.
        Assert.All(StopWords.FoldedActorPrefixes, p => Assert.True(p.Length >= 3, p));
    }
}
