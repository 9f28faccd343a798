using Classifier.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.ML;
using Microsoft.Extensions.Options;

namespace Classifier.Api.Prediction;

/// <summary>POST /predict and POST /predict/batch.</summary>
public static class PredictionEndpoints
{
    public static IEndpointRouteBuilder MapPredictionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/predict").WithTags("Prediction");
        group.MapPost(string.Empty, PredictAsync)
            .WithName("Predict")
            .WithSummary("Classify one article")
            .WithDescription("Send {\"text\": \"...\"} as application/json, or the article itself as text/plain. The answer has the topic, its probability and every topic's probability (they sum to 1). With \"explain\": true (or ?explain=true) it also has, per topic, the words that pushed the score up and down, with their weights and [start, length] offsets in the text.")
            .Accepts<PredictRequest>("application/json", "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/batch", PredictBatchAsync)
            .WithName("PredictBatch")
            .WithSummary("Classify several articles")
            .WithDescription("Send {\"texts\": [\"...\", \"...\"]}; the results come in the same order. The number of texts is limited (Classifier:MaxBatchSize).")
            .Accepts<BatchPredictRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<PredictResponse>, ProblemHttpResult>> PredictAsync(
        HttpRequest request, TopicClassifier classifier, IOptions<ClassifierApiOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        try
        {
            var (kind, body) = await RequestBodyReader.ReadAsync(request, limits.MaxRequestBodyBytes, allowPlainText: true, cancellationToken);
            var parsed = kind == RequestBodyReader.BodyKind.PlainText ? new PredictRequest(body) : RequestBodyReader.DeserializeJson<PredictRequest>(body);
            ValidateText(parsed.Text, "text", limits.MaxTextLength);
            var explain = parsed.Explain || string.Equals(request.Query["explain"], "true", StringComparison.OrdinalIgnoreCase);
            return TypedResults.Ok(classifier.Classify(parsed.Text!, explain));
        }
        catch (BadRequestBodyException e)
        {
            return Problem(e.StatusCode, e.Title, e.Message);
        }
        catch (ModelNotLoadedException e)
        {
            return ModelUnavailable(e);
        }
        catch (ExplanationUnavailableException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "No explanation for this model", e.Message);
        }
    }

    public static async Task<Results<Ok<BatchPredictResponse>, ProblemHttpResult>> PredictBatchAsync(
        HttpRequest request, TopicClassifier classifier, IOptions<ClassifierApiOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        try
        {
            var (_, body) = await RequestBodyReader.ReadAsync(request, limits.MaxRequestBodyBytes, allowPlainText: false, cancellationToken);
            var texts = RequestBodyReader.DeserializeJson<BatchPredictRequest>(body).Texts;
            if (texts is null || texts.Count == 0)
            {
                throw Invalid("'texts' is missing or empty: send {\"texts\": [\"...\"]} with at least one article.");
            }

            if (texts.Count > limits.MaxBatchSize)
            {
                throw Invalid($"The batch has {texts.Count} texts; the limit is {limits.MaxBatchSize}. Split it into smaller batches.");
            }

            for (var i = 0; i < texts.Count; i++)
            {
                ValidateText(texts[i], $"texts[{i}]", limits.MaxTextLength);
            }

            var results = new PredictResponse[texts.Count];
            for (var i = 0; i < texts.Count; i++)
            {
                results[i] = classifier.Classify(texts[i]!);
            }

            return TypedResults.Ok(new BatchPredictResponse(results, results[^1].Model));
        }
        catch (BadRequestBodyException e)
        {
            return Problem(e.StatusCode, e.Title, e.Message);
        }
        catch (ModelNotLoadedException e)
        {
            return ModelUnavailable(e);
        }
    }

    private static void ValidateText(string? text, string field, int maxLength)
    {
        if (text is null)
        {
            throw Invalid($"'{field}' is missing: send the article text.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid($"'{field}' is empty or only whitespace: there is nothing to classify.");
        }

        if (text.Length > maxLength)
        {
            throw Invalid($"'{field}' has {text.Length} characters; the limit is {maxLength}.");
        }
    }

    private static BadRequestBodyException Invalid(string detail) => new(StatusCodes.Status400BadRequest, "Invalid request", detail);

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    private static ProblemHttpResult ModelUnavailable(ModelNotLoadedException e) =>
        TypedResults.Problem(
            detail: "No topic model is loaded yet, so nothing can be classified. " + ProblemText.WithoutPaths(e.Reason ?? string.Empty),
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The model is not available");
}
