using Classifier.Core.Data;
using Classifier.TestSupport;

namespace Classifier.Core.Tests;

/// <summary>The committed corpus holds the promises of training-data/GUIDELINES.md.</summary>
public class CorpusTests
{
    private static readonly Lazy<LabelledDataSet> Train = new(() => LabelledDataReader.Read(RepositoryPaths.TrainFile));
    private static readonly Lazy<LabelledDataSet> Test = new(() => LabelledDataReader.Read(RepositoryPaths.TestFile));
    private static readonly string[] Topics = ["afghanistan", "border_security", "diplomacy", "terrorism"];

    [Fact]
    public void No_test_article_shares_a_run_of_twelve_words_with_a_training_article()
    {
        AssertNoSharedRuns(Test.Value.Articles, "test");
    }

    /// <summary>
    /// The seeds are the first test of any model and never training data. The writers of later rounds were briefed
    /// by someone who had read them, so the training file may not share even an official name of twelve words with
    /// a seed.
    /// </summary>
    [Fact]
    public void No_training_article_shares_a_run_of_twelve_words_with_a_seed()
    {
        AssertNoSharedRuns(LabelledDataReader.Read(RepositoryPaths.SeedLabels).Articles, "seed");
    }

    [Fact]
    public void No_two_articles_of_the_corpus_are_near_duplicates()
    {
        var all = Train.Value.Articles.Concat(Test.Value.Articles).ToList();
        var pairs = CorpusOverlap.NearDuplicates(all);
        Assert.True(pairs.Count == 0, string.Join("\n", pairs.Take(10).Select(p => $"lines {p.First.Line} and {p.Second.Line}: {p.Evidence}")));
    }

    [Fact]
    public void The_checks_find_a_copied_run_and_a_near_duplicate()
    {
        var original = new LabelledArticle("terrorism", "Сотрудники Комитета национальной безопасности задержали в Актобе группу из пяти человек, готовивших нападение на отделение полиции в центре города", 1);
        var copy = original with { Text = "В новом сообщении: комитета национальной безопасности задержали в Актобе группу из пяти человек, готовивших нападение на отделение полиции", Line = 2 };
        Assert.Single(CorpusOverlap.SharedRuns([original], [copy]));
        Assert.Single(CorpusOverlap.NearDuplicates([original, copy]));
    }

    [Theory]
    [InlineData("train", 2400, 500)]
    [InlineData("test", 600, 120)]
    public void Each_split_has_the_articles_topics_languages_and_lengths_it_promises(string split, int minimumRows, int minimumPerTopic)
    {
        var data = split == "train" ? Train.Value : Test.Value;
        var stats = CorpusStatistics.Compute(data.Articles.Where(a => Topics.Contains(a.Label)).ToList());
        Assert.True(stats.Rows >= minimumRows, $"{split}: {stats.Rows} articles");
        Assert.All(Topics, t => Assert.True(stats.ByLabel[t] >= minimumPerTopic, $"{split}: {t} has {stats.ByLabel[t]}"));
        Assert.True(stats.ByLanguage["ru"] >= stats.Rows * 0.5, $"{split}: Russian {stats.ByLanguage["ru"]} of {stats.Rows}");
        Assert.True(stats.ByLanguage["kk"] >= stats.Rows * 0.2, $"{split}: Kazakh {stats.ByLanguage["kk"]} of {stats.Rows}");
        Assert.True(stats.ByLanguage["en"] >= stats.Rows * 0.2, $"{split}: English {stats.ByLanguage["en"]} of {stats.Rows}");
        Assert.True(stats.ByLength[LengthBand.Short] >= stats.Rows * 0.2, $"{split}: {stats.ByLength[LengthBand.Short]} short");
        Assert.True(stats.ByLength[LengthBand.Full] >= stats.Rows * 0.5, $"{split}: {stats.ByLength[LengthBand.Full]} full");
    }

    /// <summary>
    /// A real stream is mostly off-topic, and so are both files: three articles in four in the test file, over half
    /// in the training file. Both cover all three languages and lengths.
    /// </summary>
    [Theory]
    [InlineData("train", 5000, 0.5)]
    [InlineData("test", 1500, 0.7)]
    public void Each_split_has_off_topic_articles_in_every_language_and_length(string split, int minimumRows, double minimumShare)
    {
        var data = split == "train" ? Train.Value : Test.Value;
        var stats = CorpusStatistics.Compute(data.Articles.Where(a => a.Label == TestCorpus.OffTopic).ToList());
        Assert.True(stats.Rows >= minimumRows, $"{split}: {stats.Rows} off-topic articles");
        Assert.True(stats.Rows >= data.Articles.Count * minimumShare, $"{split}: {stats.Rows} of {data.Articles.Count} articles are off-topic");
        Assert.All(new[] { "ru", "kk", "en" }, language => Assert.True(stats.ByLanguage[language] >= stats.Rows * 0.2, $"{split}: {language} {stats.ByLanguage[language]} of {stats.Rows}"));
        Assert.True(stats.ByLength[LengthBand.Short] >= stats.Rows * 0.15, $"{split}: {stats.ByLength[LengthBand.Short]} short");
        Assert.True(stats.ByLength[LengthBand.Full] >= stats.Rows * 0.45, $"{split}: {stats.ByLength[LengthBand.Full]} full");
    }

    private static void AssertNoSharedRuns(IReadOnlyList<LabelledArticle> others, string othersName)
    {
        var overlaps = CorpusOverlap.SharedRuns(Train.Value.Articles, others);
        Assert.True(overlaps.Count == 0, string.Join("\n", overlaps.Take(10).Select(o => $"train line {o.First.Line} / {othersName} line {o.Second.Line}: \"{o.Evidence}\"")));
    }
}
