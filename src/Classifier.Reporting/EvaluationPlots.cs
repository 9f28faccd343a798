using System.Globalization;
using Classifier.Core.Evaluation;
using ScottPlot;

namespace Classifier.Reporting;

/// <summary>The pictures of an evaluation, drawn with ScottPlot and saved as PNG files.</summary>
public static class EvaluationPlots
{
    public const int Width = 720;
    public const int Height = 520;

    /// <summary>The confusion matrix as a heat map; cells are shaded by the share of their row, so every topic reads alike whatever its support.</summary>
    public static Plot Confusion(ConfusionMatrix confusion)
    {
        var n = confusion.Labels.Count;
        var shares = new double[n, n];
        for (var r = 0; r < n; r++)
        {
            var total = confusion.Matrix[r].Sum();
            for (var c = 0; c < n; c++)
            {
                shares[r, c] = total == 0 ? 0 : (double)confusion.Matrix[r][c] / total;
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "share of the row";

        // Row 0 of the data is drawn at the top, so the true topics read downwards as in the table.
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                var y = n - 1 - r;
                var text = plot.Add.Text(confusion.Matrix[r][c].ToString(CultureInfo.InvariantCulture), c, y);
                text.LabelFontSize = 16;
                text.LabelBold = r == c;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = shares[r, c] > 0.6 ? Colors.Black : Colors.White;
            }
        }

        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, confusion.Labels.ToArray());
        plot.Axes.Left.SetTicks(positions, confusion.Labels.Reverse().ToArray());
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Title("Confusion matrix");
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        return plot;
    }

    /// <summary>The reliability diagram: in each confidence bin, how often the answers were right; a calibrated model follows the diagonal.</summary>
    public static Plot Reliability(CalibrationMetrics calibration)
    {
        var plot = new Plot();
        var used = calibration.Bins.Where(b => b.Rows > 0).ToList();
        var bars = used.Select(b => new Bar
        {
            Position = (b.From + b.To) / 2,
            Value = b.Accuracy ?? 0,
            Size = (b.To - b.From) * 0.9,
            FillColor = Colors.SteelBlue.WithAlpha(0.8),
            Label = b.Rows.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.LegendText = "accuracy (bar label: answers in the bin)";
        barPlot.ValueLabelStyle.FontSize = 11;

        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "perfect calibration";

        var confidence = plot.Add.ScatterPoints(used.Select(b => b.Confidence ?? 0).ToArray(), used.Select(b => b.Accuracy ?? 0).ToArray());
        confidence.Color = Colors.OrangeRed;
        confidence.MarkerSize = 9;
        confidence.LegendText = "mean confidence vs accuracy";

        plot.Axes.SetLimits(0, 1, 0, 1.08);
        plot.XLabel("confidence of the answer");
        plot.YLabel("share of answers that were right");
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Reliability (ECE {calibration.ExpectedCalibrationError:0.000}, temperature {calibration.Temperature:0.###})"));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Macro-F1 of each group (language, length band) as bars labelled with the value and the group's size.</summary>
    public static Plot GroupBars(string title, string groupName, IReadOnlyDictionary<string, GroupMetrics> groups)
    {
        var plot = new Plot();
        var keys = groups.Keys.ToList();
        var bars = keys.Select((key, i) => new Bar
        {
            Position = i,
            Value = groups[key].MacroF1,
            FillColor = Colors.SeaGreen,
            Label = groups[key].MacroF1.ToString("0.000", CultureInfo.InvariantCulture),
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 13;
        plot.Axes.Bottom.SetTicks(
            keys.Select((_, i) => (double)i).ToArray(),
            keys.Select(k => $"{k}\n{groups[k].Rows.ToString(CultureInfo.InvariantCulture)} articles").ToArray());
        plot.Axes.SetLimits(-0.6, keys.Count - 0.4, 0, 1.1);
        plot.XLabel(groupName);
        plot.YLabel("macro-F1");
        plot.Title(title);
        return plot;
    }

    /// <summary>What moving the off-topic threshold does: off-topic articles caught against on-topic articles lost, and the topics' macro-F1.</summary>
    public static Plot OffTopicTradeOff(IReadOnlyList<ThresholdPoint> curve, double threshold)
    {
        var plot = new Plot();
        var xs = curve.Select(p => p.Threshold).ToArray();
        void Line(IEnumerable<double?> ys, string legend, Color color, LinePattern pattern)
        {
            var values = ys.Select(y => y ?? double.NaN).ToArray();
            if (values.All(double.IsNaN))
            {
                return;
            }

            var line = plot.Add.Scatter(xs, values);
            line.LegendText = legend;
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LinePattern = pattern;
        }

        Line(curve.Select(p => p.OffTopicRecall), "off-topic articles answered 'other'", Colors.SteelBlue, LinePattern.Solid);
        Line(curve.Select(p => p.OnTopicAnsweredOther), "on-topic articles answered 'other'", Colors.OrangeRed, LinePattern.Solid);
        Line(curve.Select(p => (double?)p.TopicsMacroF1), "macro-F1 on the topics", Colors.SeaGreen, LinePattern.Dashed);
        var current = plot.Add.VerticalLine(threshold);
        current.LinePattern = LinePattern.Dotted;
        current.Color = Colors.Gray;
        current.LegendText = "threshold in use";
        plot.Axes.SetLimits(0, 1.02, 0, 1.05);
        plot.XLabel("off-topic threshold");
        plot.YLabel("share");
        plot.Title("Off-topic trade-off");
        plot.ShowLegend(Alignment.MiddleRight);
        return plot;
    }
}
