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

/// <summary>Everything <c>evaluate</c> reports. Property names are the documented <c>--json</c> keys.</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("macroF1")] double MacroF1,
    [property: JsonPropertyName("microAccuracy")] double MicroAccuracy,
    [property: JsonPropertyName("macroAccuracy")] double MacroAccuracy,
    [property: JsonPropertyName("logLoss")] double LogLoss,
    [property: JsonPropertyName("perClass")] IReadOnlyDictionary<string, ClassMetrics> PerClass,
    [property: JsonPropertyName("confusion")] ConfusionMatrix Confusion,
    [property: JsonPropertyName("unknownLabelRows")] int UnknownLabelRows,
    [property: JsonPropertyName("byLanguage")] IReadOnlyDictionary<string, GroupMetrics> ByLanguage);
