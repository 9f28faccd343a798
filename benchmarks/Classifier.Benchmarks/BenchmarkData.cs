using System.Reflection;
using Classifier.Core.Data;

namespace Classifier.Benchmarks;

/// <summary>Texts of given lengths and languages cut from the test corpus, and the repository's paths.</summary>
internal static class BenchmarkData
{
    public static string Root { get; } = typeof(BenchmarkData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The shipped model, or the one named by BENCHMARK_MODEL (to compare candidates).</summary>
    public static string ShippedModel => Environment.GetEnvironmentVariable("BENCHMARK_MODEL") ?? Path.Combine(Root, "models", "topic-model.zip");

    public static string TrainFile => Path.Combine(Root, "training-data", "train.tsv");

    public static string TestFile => Path.Combine(Root, "training-data", "test.tsv");

    private static readonly Lazy<IReadOnlyList<LabelledArticle>> Test = new(() => LabelledDataReader.Read(TestFile).Articles);

    /// <summary>About <paramref name="length"/> characters of <paramref name="lang"/> articles, joined and cut at a space.</summary>
    public static string Text(string lang, int length)
    {
        var joined = string.Join("\n\n", Test.Value.Where(a => a.Lang == lang).OrderByDescending(a => a.Text.Length).Select(a => a.Text));
        var cut = joined.LastIndexOf(' ', Math.Min(length, joined.Length - 1));
        return joined[..(cut > 0 ? cut : Math.Min(length, joined.Length))];
    }

    public static IReadOnlyList<string> Articles(int count) =>
        Enumerable.Range(0, count).Select(i => Test.Value[i % Test.Value.Count].Text).ToList();
}
