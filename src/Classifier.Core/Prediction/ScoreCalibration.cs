using System.Text.Json.Serialization;

namespace Classifier.Core.Prediction;

/// <summary>
/// Temperature scaling: every probability becomes p^(1/T), renormalized, which is the softmax of the model's
/// logits divided by T. One number fitted on data the model did not see turns over- or under-confident scores
/// into probabilities that mean what they say, and never changes which topic ranks first.
/// </summary>
public sealed record ScoreCalibration(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("temperature")] double Temperature,
    [property: JsonPropertyName("fittedOn")] string FittedOn,
    [property: JsonPropertyName("rows")] int Rows)
{
    public const string TemperatureMethod = "temperature";

    private const double MinimumProbability = 1e-300;

    public static ScoreCalibration None { get; } = new("none", 1, "not calibrated", 0);

    /// <summary>Calibrates probabilities that sum to 1, in place.</summary>
    public void Apply(Span<double> probabilities)
    {
        if (Temperature == 1 || probabilities.Length == 0)
        {
            return;
        }

        var inverse = 1 / Temperature;
        var max = double.NegativeInfinity;
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = Math.Log(Math.Max(MinimumProbability, probabilities[i])) * inverse;
            max = Math.Max(max, probabilities[i]);
        }

        var sum = 0d;
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = Math.Exp(probabilities[i] - max);
            sum += probabilities[i];
        }

        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] /= sum;
        }
    }

    /// <summary>
    /// The temperature that minimizes the log-loss of held-out predictions (the probabilities a model gave for
    /// articles it was not trained on, and the index of each article's true label).
    /// </summary>
    public static ScoreCalibration Fit(IReadOnlyList<(double[] Probabilities, int TrueIndex)> heldOut, string fittedOn)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        if (heldOut.Count == 0)
        {
            throw new ArgumentException("Calibration needs at least one held-out prediction.", nameof(heldOut));
        }

        // Log-loss is convex in 1/T for a softmax, so a golden-section search over log T finds the minimum.
        double low = Math.Log(0.05), high = Math.Log(20);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = high - ratio * (high - low);
        var b = low + ratio * (high - low);
        double lossA = LogLoss(heldOut, Math.Exp(a)), lossB = LogLoss(heldOut, Math.Exp(b));
        for (var iteration = 0; iteration < 80 && high - low > 1e-6; iteration++)
        {
            if (lossA <= lossB)
            {
                high = b;
                b = a;
                lossB = lossA;
                a = high - ratio * (high - low);
                lossA = LogLoss(heldOut, Math.Exp(a));
            }
            else
            {
                low = a;
                a = b;
                lossA = lossB;
                b = low + ratio * (high - low);
                lossB = LogLoss(heldOut, Math.Exp(b));
            }
        }

        return new ScoreCalibration(TemperatureMethod, Math.Round(Math.Exp((low + high) / 2), 4), fittedOn, heldOut.Count);
    }

    private static double LogLoss(IReadOnlyList<(double[] Probabilities, int TrueIndex)> heldOut, double temperature)
    {
        var calibration = new ScoreCalibration(TemperatureMethod, temperature, string.Empty, 0);
        var total = 0d;
        var buffer = new double[heldOut[0].Probabilities.Length];
        foreach (var (probabilities, trueIndex) in heldOut)
        {
            if (buffer.Length != probabilities.Length)
            {
                buffer = new double[probabilities.Length];
            }

            probabilities.CopyTo(buffer, 0);
            calibration.Apply(buffer);
            total -= Math.Log(Math.Max(1e-15, buffer[trueIndex]));
        }

        return total / heldOut.Count;
    }
}
