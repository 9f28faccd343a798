using System.Text.Json;
using Classifier.Cli;
using Classifier.Core.Models;
using Classifier.TestSupport;

namespace Classifier.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class SmallModelsGroup : ICollectionFixture<SmallModels>
{
    public const string Name = "small models";
}

[Collection(SmallModelsGroup.Name)]
public sealed class CliTests(SmallModels models) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static (int Exit, string Out, string Error) Run(string? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, output, error, new StringReader(input ?? string.Empty));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Train_writes_the_model_its_metadata_and_prints_the_test_metrics()
    {
        var model = _directory.File("m.zip");
        var test = TestCorpus.WriteTsv(_directory.File("test.tsv"), TestCorpus.TestSample(5));
        var (exit, output, error) = Run(null, "train", "--data", models.TrainData, "--test", test, "--model", model, "--seed", "7");
        Assert.True(exit == 0, error);
        Assert.Contains("macro-F1", output, StringComparison.Ordinal);
        var metadata = TopicModelMetadata.FromJson(File.ReadAllText(Path.ChangeExtension(model, ".json")));
        Assert.Equal(7, metadata.Seed);
        Assert.Equal(20, metadata.TestMetrics!.Rows);
    }

    [Fact]
    public void Evaluate_json_has_every_documented_key()
    {
        var test = TestCorpus.WriteTsv(_directory.File("test.tsv"), TestCorpus.TestSample(5));
        var (exit, output, error) = Run(null, "evaluate", "--model", models.TopicModelPath, "--data", test, "--json");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        foreach (var key in new[] { "rows", "macroF1", "microAccuracy", "macroAccuracy", "logLoss", "perClass", "confusion", "unknownLabelRows" })
        {
            Assert.True(json.TryGetProperty(key, out _), $"missing key {key}");
        }

        Assert.Equal(20, json.GetProperty("rows").GetInt32());
        var terrorism = json.GetProperty("perClass").GetProperty("terrorism");
        Assert.Equal(5, terrorism.GetProperty("support").GetInt32());
        Assert.InRange(terrorism.GetProperty("f1").GetDouble(), 0, 1);
    }

    [Fact]
    public void Evaluate_counts_rows_whose_label_the_model_does_not_know()
    {
        var data = TestCorpus.WriteTsv(_directory.File("odd.tsv"), TestCorpus.Relabel(TestCorpus.TestSample(2), l => l == "diplomacy" ? "sport" : l));
        var (exit, output, _) = Run(null, "evaluate", "--model", models.TopicModelPath, "--data", data, "--json");
        Assert.Equal(0, exit);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("unknownLabelRows").GetInt32());
    }

    [Fact]
    public void Evaluate_prints_tables_with_the_confusion_matrix()
    {
        var (exit, output, _) = Run(null, "evaluate", "--model", models.TopicModelPath, "--data", RepositoryPaths.SeedLabels);
        Assert.Equal(0, exit);
        Assert.Contains("Confusion matrix", output, StringComparison.Ordinal);
        Assert.Contains("border_security", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_reads_an_argument_a_file_or_standard_input()
    {
        var file = _directory.File("article.txt");
        File.WriteAllText(file, "Талибы провели переговоры в Кабуле");
        foreach (var (input, args) in new[]
        {
            ((string?)null, new[] { "predict", "--model", models.TopicModelPath, "--json", "Талибы провели переговоры в Кабуле" }),
            (null, new[] { "predict", "--model", models.TopicModelPath, "--json", "--file", file }),
            ("Талибы провели переговоры в Кабуле", new[] { "predict", "--model", models.TopicModelPath, "--json" }),
        })
        {
            var (exit, output, error) = Run(input, args);
            Assert.True(exit == 0, error);
            var json = JsonDocument.Parse(output).RootElement;
            Assert.Equal(4, json.GetProperty("scores").EnumerateObject().Count());
        }
    }

    [Fact]
    public void Bad_training_data_exits_non_zero_naming_the_file_line_and_reason_and_writes_nothing()
    {
        var bad = _directory.File("bad.tsv");
        File.WriteAllText(bad, "label\ttext\nterrorism\tok\n\tno label here\n");
        var model = _directory.File("m.zip");
        var (exit, _, error) = Run(null, "train", "--data", bad, "--test", "none", "--model", model);
        Assert.Equal(CliApp.ExitBadInput, exit);
        Assert.Contains($"{bad}:3: has an empty label", error, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Theory]
    [InlineData("train", "--trainer", "svm")]
    [InlineData("train", "--featurizer", "bert")]
    [InlineData("cross-validate", "--folds", "1")]
    public void Bad_options_exit_non_zero_with_a_reason(params string[] args)
    {
        var (exit, _, error) = Run(null, [.. args, "--data", models.TrainData]);
        Assert.Equal(CliApp.ExitBadInput, exit);
        Assert.Contains("error:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_is_reported()
    {
        var (exit, _, error) = Run(null, "predict", "--model", _directory.File("none.zip"), "text");
        Assert.Equal(CliApp.ExitBadInput, exit);
        Assert.Contains("model file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_validate_prints_mean_and_spread()
    {
        var (exit, output, error) = Run(null, "cross-validate", "--data", models.TrainData, "--folds", "2", "--json");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, json.GetProperty("folds").GetArrayLength());
        Assert.InRange(json.GetProperty("meanMacroF1").GetDouble(), 0, 1);
    }

    [Fact]
    public void Compare_lists_each_trainer_with_its_measures()
    {
        var test = TestCorpus.WriteTsv(_directory.File("test.tsv"), TestCorpus.TestSample(3));
        var (exit, output, error) = Run(null, "compare", "--data", models.TrainData, "--test", test, "--trainers", "sdca,lbfgs", "--json");
        Assert.True(exit == 0, error);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["sdca", "lbfgs"], rows.Select(r => r.GetProperty("trainer").GetString()));
        Assert.All(rows, r => Assert.True(r.GetProperty("modelMegabytes").GetDouble() > 0));
    }

    [Fact]
    public void Stats_counts_topics_languages_and_length_bands()
    {
        var (exit, output, _) = Run(null, "stats", models.TrainData, "--json");
        Assert.Equal(0, exit);
        var stats = JsonDocument.Parse(output).RootElement.GetProperty(models.TrainData);
        Assert.Equal(SmallModels.PerLabel * 4, stats.GetProperty("rows").GetInt32());
        Assert.Equal(SmallModels.PerLabel, stats.GetProperty("byLabel").GetProperty("diplomacy").GetInt32());
    }

    [Fact]
    public void Rollback_restores_the_previous_model()
    {
        var model = _directory.File("m.zip");
        File.Copy(models.TopicModelPath, model);
        Assert.Equal(0, Run(null, "train", "--data", models.TrainData, "--test", "none", "--model", model, "--seed", "3").Exit);
        Assert.Equal(3, TopicModelStore.ReadMetadata(model)!.Seed);
        var (exit, output, _) = Run(null, "rollback", "--model", model);
        Assert.Equal(0, exit);
        Assert.Contains("Rolled back", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(models.TopicModelPath), File.ReadAllBytes(model));
        Assert.Equal(3, TopicModelStore.ReadMetadata(TopicModelStore.PreviousPathFor(model))!.Seed);
    }

    [Fact]
    public void Evaluate_json_reports_off_topic_answers_calibration_and_secondary_topics()
    {
        var test = TestCorpus.WriteTsv(_directory.File("test.tsv"), TestCorpus.TestSample(5, offTopic: true));
        var (exit, output, error) = Run(null, "evaluate", "--model", models.OffTopicModelPath, "--data", test, "--json", "--topic-threshold", "0.25");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        var offTopic = json.GetProperty("offTopic");
        Assert.Equal("other", offTopic.GetProperty("label").GetString());
        Assert.Equal(5, offTopic.GetProperty("rows").GetInt32());
        Assert.InRange(offTopic.GetProperty("recall").GetDouble(), 0, 1);
        Assert.InRange(offTopic.GetProperty("onTopicAnsweredOther").GetDouble(), 0, 1);
        Assert.InRange(json.GetProperty("calibration").GetProperty("ece").GetDouble(), 0, 1);
        Assert.Equal(10, json.GetProperty("calibration").GetProperty("bins").GetArrayLength());
        Assert.Equal(0.25, json.GetProperty("secondary").GetProperty("threshold").GetDouble());
        Assert.True(json.GetProperty("secondary").GetProperty("topics").GetInt32() > 0);
        Assert.Equal(20, json.GetProperty("offTopicCurve").GetArrayLength());
        Assert.True(json.GetProperty("byLength").EnumerateObject().Any());
        Assert.InRange(json.GetProperty("topicsMacroF1").GetDouble(), 0, 1);

        // Every wrong answer is listed, and only those: they add up to the rows off the confusion matrix's diagonal.
        var matrix = json.GetProperty("confusion").GetProperty("matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToList()).ToList();
        var wrong = json.GetProperty("rows").GetInt32() - matrix.Select((row, i) => row[i]).Sum();
        var mistakes = json.GetProperty("mistakes").EnumerateArray().ToList();
        Assert.Equal(wrong, mistakes.Count);
        Assert.All(mistakes, m => Assert.NotEqual(m.GetProperty("label").GetString(), m.GetProperty("answer").GetString()));
        Assert.All(mistakes, m => Assert.InRange(m.GetProperty("line").GetInt32(), 2, 26));
    }

    [Fact]
    public void Evaluate_report_writes_the_plots_and_an_index_that_shows_them_with_the_tables()
    {
        var test = TestCorpus.WriteTsv(_directory.File("test.tsv"), TestCorpus.TestSample(5, offTopic: true));
        var folder = _directory.File("report");
        var (exit, output, error) = Run(null, "evaluate", "--model", models.OffTopicModelPath, "--data", test, "--report", folder);
        Assert.True(exit == 0, error);
        Assert.Contains("macro-F1", output, StringComparison.Ordinal);
        var index = File.ReadAllText(Path.Combine(folder, "index.html"));
        foreach (var image in new[] { "confusion.png", "reliability.png", "f1-by-language.png", "f1-by-length.png", "off-topic-threshold.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, image));
            Assert.True(bytes.Length > 5_000, $"{image} has {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.Contains($"src=\"{image}\"", index, StringComparison.Ordinal);
        }

        Assert.Contains("expected calibration error", index, StringComparison.Ordinal);
        Assert.Contains("off-topic recall", index, StringComparison.Ordinal);
        Assert.Contains("secondary topics found", index, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">other</th>", index, StringComparison.Ordinal);
        Assert.Contains("<h2>Wrong answers</h2>", index, StringComparison.Ordinal);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement;
        Assert.Equal(25, json.GetProperty("rows").GetInt32());
        Assert.Empty(Directory.GetFiles(folder, ".*"));
    }

    [Fact]
    public void A_report_folder_that_is_a_file_is_refused_before_anything_runs()
    {
        var file = _directory.File("report.txt");
        File.WriteAllText(file, "not a folder");
        var (exit, _, error) = Run(null, "evaluate", "--model", models.OffTopicModelPath, "--report", file);
        Assert.Equal(CliApp.ExitBadInput, exit);
        Assert.Contains("needs a folder", error, StringComparison.Ordinal);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void Predict_lists_the_topics_the_article_touches_with_the_answer_first()
    {
        var article = TestCorpus.TestSample(1).First(a => a.Label == "afghanistan").Text;
        var (exit, output, error) = Run(article, "predict", "--model", models.OffTopicModelPath, "--json", "--topic-threshold", "0");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        var topics = json.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("label").GetString()).ToList();
        Assert.Equal(json.GetProperty("label").GetString(), topics[0]);

        // At threshold 0 every topic is touched; the off-topic label is never listed beside another answer.
        Assert.Equal(["afghanistan", "border_security", "diplomacy", "terrorism"], topics.Where(t => t != "other").Order());
        Assert.Equal(5, json.GetProperty("scores").EnumerateObject().Count());
    }

    [Theory]
    [InlineData("predict", "--topic-threshold", "1.5")]
    [InlineData("evaluate", "--off-topic-threshold", "-0.2")]
    public void Thresholds_outside_zero_to_one_exit_with_a_clear_error(string command, string option, string value)
    {
        var data = TestCorpus.WriteTsv(_directory.File("test.tsv"), TestCorpus.TestSample(1));
        string[] args = command == "evaluate" ? [command, "--data", data] : [command];
        var (exit, _, error) = Run("text", [.. args, "--model", models.OffTopicModelPath, option, value]);
        Assert.Equal(CliApp.ExitBadInput, exit);
        Assert.Contains("between 0 and 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void One_calibration_fold_is_refused()
    {
        var (exit, _, error) = Run(null, "train", "--data", models.TrainData, "--model", _directory.File("m.zip"), "--calibration-folds", "1");
        Assert.Equal(CliApp.ExitBadInput, exit);
        Assert.Contains("--calibration-folds", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("m.zip")));
    }
}
