using System.Text.Json.Serialization;

namespace Classifier.Core.Evaluation;

public sealed record ClassMetrics(
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("support")] int Support);

/// <summary>Rows are the true labels, columns the predicted ones, both in <see cref="Labels"/> order.</summary>
public sealed record ConfusionMatrix(
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("matrix")] IReadOnlyList<IReadOnlyList<int>> Matrix);

public sealed record GroupMetrics(
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("macroF1")] double MacroF1,
    [property: JsonPropertyName("microAccuracy")] double MicroAccuracy);

/// <summary>How well the service tells off-topic articles from on-topic ones.</summary>
/// <param name="Label">The off-topic label.</param>
/// <param name="Threshold">The off-topic threshold the answers were given with.</param>
/// <param name="Rows">Off-topic articles in the data.</param>
/// <param name="Recall">Share of off-topic articles answered off-topic (null without any).</param>
/// <param name="Precision">Share of off-topic answers that were right (null when none was given).</param>
/// <param name="OnTopicRows">Articles about one of the topics.</param>
/// <param name="OnTopicAnsweredOther">Share of on-topic articles wrongly answered off-topic.</param>
public sealed record OffTopicMetrics(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("recall")] double? Recall,
    [property: JsonPropertyName("precision")] double? Precision,
    [property: JsonPropertyName("onTopicRows")] int OnTopicRows,
    [property: JsonPropertyName("onTopicAnsweredOther")] double? OnTopicAnsweredOther);

/// <summary>The answers at one off-topic threshold, for the trade-off curve.</summary>
public sealed record ThresholdPoint(
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("offTopicRecall")] double? OffTopicRecall,
    [property: JsonPropertyName("onTopicAnsweredOther")] double? OnTopicAnsweredOther,
    [property: JsonPropertyName("topicsMacroF1")] double TopicsMacroF1);

/// <summary>Answers whose confidence falls in [From, To): how confident they were on average, and how often right.</summary>
public sealed record ReliabilityBin(
    [property: JsonPropertyName("from")] double From,
    [property: JsonPropertyName("to")] double To,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("confidence")] double? Confidence,
    [property: JsonPropertyName("accuracy")] double? Accuracy);

/// <summary>Whether the answers' confidences are probabilities: the expected calibration error and its bins.</summary>
/// <param name="ExpectedCalibrationError">Mean gap between confidence and accuracy over the bins, weighted by rows.</param>
/// <param name="Temperature">The model's calibration temperature (1: not calibrated).</param>
public sealed record CalibrationMetrics(
    [property: JsonPropertyName("ece")] double ExpectedCalibrationError,
    [property: JsonPropertyName("temperature")] double Temperature,
    [property: JsonPropertyName("bins")] IReadOnlyList<ReliabilityBin> Bins);

/// <summary>How often the topics an article develops besides its main one are listed in the answer's <c>topics</c>.</summary>
/// <param name="Rows">Articles with at least one secondary topic.</param>
/// <param name="Topics">Secondary topics over those articles.</param>
/// <param name="Found">Of those, how many the answers listed.</param>
/// <param name="Recall"><paramref name="Found"/> / <paramref name="Topics"/> (null without any).</param>
/// <param name="Listed">Topics listed besides the answer, over all articles.</param>
/// <param name="ListedPrecision">Share of those that are the article's main or a secondary topic (null when none was listed).</param>
public sealed record SecondaryTopicMetrics(
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("topics")] int Topics,
    [property: JsonPropertyName("found")] int Found,
    [property: JsonPropertyName("recall")] double? Recall,
    [property: JsonPropertyName("listed")] int Listed,
    [property: JsonPropertyName("listedPrecision")] double? ListedPrecision);

/// <summary>An article the model answered wrongly, for reading the mistakes themselves.</summary>
/// <param name="Line">The line of the data file where the article starts.</param>
/// <param name="Excerpt">The start of the article, on one line.</param>
public sealed record MisfiledArticle(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("excerpt")] string Excerpt);

/// <summary>Everything <c>evaluate</c> reports. Property names are the documented <c>--json</c> keys.</summary>
/// <param name="TopicsMacroF1">Macro-F1 over the topics alone (not the off-topic label), on the articles about a topic.</param>
/// <param name="Mistakes">Every wrong answer, the most confident first (null in a model's metadata, which keeps no article text).</param>
public sealed record EvaluationReport(
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("macroF1")] double MacroF1,
    [property: JsonPropertyName("topicsMacroF1")] double TopicsMacroF1,
    [property: JsonPropertyName("microAccuracy")] double MicroAccuracy,
    [property: JsonPropertyName("macroAccuracy")] double MacroAccuracy,
    [property: JsonPropertyName("logLoss")] double LogLoss,
    [property: JsonPropertyName("perClass")] IReadOnlyDictionary<string, ClassMetrics> PerClass,
    [property: JsonPropertyName("confusion")] ConfusionMatrix Confusion,
    [property: JsonPropertyName("unknownLabelRows")] int UnknownLabelRows,
    [property: JsonPropertyName("byLanguage")] IReadOnlyDictionary<string, GroupMetrics> ByLanguage,
    [property: JsonPropertyName("byLength")] IReadOnlyDictionary<string, GroupMetrics> ByLength,
    [property: JsonPropertyName("offTopic")] OffTopicMetrics OffTopic,
    [property: JsonPropertyName("offTopicCurve")] IReadOnlyList<ThresholdPoint> OffTopicCurve,
    [property: JsonPropertyName("calibration")] CalibrationMetrics Calibration,
    [property: JsonPropertyName("secondary")] SecondaryTopicMetrics Secondary,
    [property: JsonPropertyName("mistakes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MisfiledArticle>? Mistakes);
