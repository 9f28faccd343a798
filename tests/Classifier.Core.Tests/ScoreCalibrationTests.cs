using Classifier.Core.Prediction;

namespace Classifier.Core.Tests;

public class ScoreCalibrationTests
{
    /// <summary>
    /// Held-out predictions of a model three times too sure of itself: its logits are the true ones × 3, and the
    /// true labels are drawn from the true probabilities.
    /// </summary>
    private static List<(double[] Probabilities, int TrueIndex)> Overconfident(double factor, int rows = 4000)
    {
        var random = new Random(5);
        var data = new List<(double[], int)>(rows);
        for (var i = 0; i < rows; i++)
        {
            var logits = Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 3).ToArray();
            var truth = Softmax(logits);
            var u = random.NextDouble();
            var label = 0;
            for (var cumulative = truth[0]; cumulative < u && label < 3; cumulative += truth[++label])
            {
            }

            data.Add((Softmax(logits.Select(l => l * factor).ToArray()), label));
        }

        return data;
    }

    private static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    [Fact]
    public void Fitting_finds_the_temperature_that_undoes_overconfidence()
    {
        var calibration = ScoreCalibration.Fit(Overconfident(3), "synthetic");
        Assert.InRange(calibration.Temperature, 2.6, 3.4);
        Assert.Equal(4000, calibration.Rows);
        Assert.Equal(ScoreCalibration.TemperatureMethod, calibration.Method);
    }

    [Fact]
    public void Fitting_leaves_calibrated_scores_nearly_alone()
    {
        var calibration = ScoreCalibration.Fit(Overconfident(1), "synthetic");
        Assert.InRange(calibration.Temperature, 0.85, 1.15);
    }

    [Fact]
    public void Applying_a_temperature_keeps_the_ranking_and_the_sum_and_softens_the_winner()
    {
        double[] probabilities = [0.05, 0.9, 0.04, 0.01];
        var calibrated = (double[])probabilities.Clone();
        new ScoreCalibration(ScoreCalibration.TemperatureMethod, 2, "test", 1).Apply(calibrated);
        Assert.Equal(1.0, calibrated.Sum(), 10);
        Assert.Equal(
            Enumerable.Range(0, 4).OrderByDescending(i => probabilities[i]),
            Enumerable.Range(0, 4).OrderByDescending(i => calibrated[i]));
        Assert.True(calibrated[1] < 0.9, $"winner {calibrated[1]}");

        // p^(1/T), renormalized: 0.9^0.5 / (0.05^0.5 + 0.9^0.5 + 0.04^0.5 + 0.01^0.5).
        Assert.Equal(Math.Sqrt(0.9) / (Math.Sqrt(0.05) + Math.Sqrt(0.9) + Math.Sqrt(0.04) + Math.Sqrt(0.01)), calibrated[1], 10);
    }

    [Fact]
    public void No_calibration_changes_nothing()
    {
        double[] probabilities = [0.2, 0.8];
        ScoreCalibration.None.Apply(probabilities);
        Assert.Equal([0.2, 0.8], probabilities);
    }
}
