using System.CommandLine;
using System.Text.Json;
using Classifier.Core.Models;
using Classifier.Core.Prediction;
using Classifier.Core.Training;

namespace Classifier.Cli.Commands;

internal static class PredictCommand
{
    public static Command Create(CliConsole console)
    {
        var model = CommonOptions.Model();
        var text = new Argument<string?>("text")
        {
            Description = "The article text. Without it (and without --file) the text is read from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = new Option<string?>("--file") { Description = "Read the article from this UTF-8 text file." };
        var json = CommonOptions.Json();
        var explain = new Option<bool>("--explain") { Description = "Also show, per topic, the words that pushed its score up and down." };
        var topicThreshold = CommonOptions.TopicThreshold();
        var offTopicThreshold = CommonOptions.OffTopicThreshold();
        var command = new Command("predict", "The topic of one article ('other' when it is about none), the topics it touches and every label's probability.")
        {
            model, text, file, json, explain, topicThreshold, offTopicThreshold,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model)!;
            CommonOptions.RequireFile(modelPath, "model file");
            var article = ReadArticle(console, parse.GetValue(text), parse.GetValue(file));
            var ml = TopicModelTrainer.CreateContext(TrainingOptions.DefaultSeed);
            var loaded = TopicModelStore.Load(modelPath, ml);
            var engine = ml.Model.CreatePredictionEngine<ArticleInput, TopicPrediction>(loaded.Model);
            var scorer = CommonOptions.Scorer(loaded, parse.GetValue(offTopicThreshold), parse.GetValue(topicThreshold));
            var prediction = engine.Predict(new ArticleInput { Text = article });
            var answer = scorer.Answer(prediction.Score, prediction.Touches);
            IReadOnlyList<TopicExplanation>? explanation = null;
            if (parse.GetValue(explain))
            {
                var explainer = TopicExplainer.TryCreate(loaded.Model, scorer.Calibration, out var reason)
                    ?? throw new CliInputException($"{modelPath}: this model cannot explain its answers: {reason}.");
                explanation = explainer.Explain(article);
            }

            if (parse.GetValue(json))
            {
                console.RawOut.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        label = answer.Label,
                        confidence = answer.Confidence,
                        topics = answer.Topics,
                        scores = answer.Ranked.ToDictionary(s => s.Label, s => s.Probability),
                        model = loaded.Metadata?.Name,
                        version = loaded.Metadata?.Version,
                        explanation,
                    },
                    ReportTables.Json));
            }
            else
            {
                ReportTables.WriteRanked(console.Out, answer);
                if (explanation is not null)
                {
                    ReportTables.WriteExplanation(console.Out, explanation);
                }
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private static string ReadArticle(CliConsole console, string? text, string? file)
    {
        if (text is not null && file is not null)
        {
            throw new CliInputException("Give the text or --file, not both.");
        }

        string article;
        if (file is not null)
        {
            CommonOptions.RequireFile(file, "text file");
            article = File.ReadAllText(file);
        }
        else
        {
            article = text ?? console.In.ReadToEnd();
        }

        if (string.IsNullOrWhiteSpace(article))
        {
            throw new CliInputException(file is not null ? $"{file}: the file holds no text." : "The text is empty.");
        }

        return article;
    }
}
