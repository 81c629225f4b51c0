using ScottPlot;

namespace RepLearn.Cli;

/// <summary>Draws a claim's <see cref="FigureData"/> with ScottPlot: lines, points and vector fields, a legend when series are labelled.</summary>
internal static class ClaimFigures
{
    /// <summary>Writes <c>{folder}/{FileName}.png</c> and returns its path.</summary>
    public static string Save(FigureData figure, string folder)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < figure.Series.Count; i++)
        {
            var s = figure.Series[i];
            var x = figure.LogX ? s.X.Select(Math.Log10).ToArray() : s.X;
            var color = palette.GetColor(i);
            switch (s.Kind)
            {
                case SeriesKind.Arrows:
                    var field = plot.Add.VectorField(Vectors(x, s.Y, s.U!, s.V!));
                    field.ArrowStyle.LineStyle.Color = color;
                    field.LegendText = s.Label;
                    break;
                case SeriesKind.Scatter:
                    var points = plot.Add.ScatterPoints(x, s.Y);
                    points.Color = color;
                    points.LegendText = s.Label;
                    break;
                default:
                    var line = plot.Add.Scatter(x, s.Y);
                    line.Color = color;
                    line.LegendText = s.Label;
                    break;
            }
        }
        plot.Title(figure.Title);
        plot.Axes.Title.Label.FontSize = figure.Title.Length > 70 ? 12 : 16; // long titles would be cut at 900 px
        plot.XLabel(figure.XLabel);
        if (figure.LogX)
        {
            // Data are plotted as log10(x); ticks are labelled with x itself, with log-spaced minor ticks.
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = v => Math.Pow(10, v).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        plot.YLabel(figure.YLabel);
        if (figure.Series.Any(s => s.Label.Length > 0)) plot.ShowLegend();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, figure.FileName + ".png");
        plot.SavePng(path, 900, 600);
        return path;
    }

    /// <summary>Arrows from (x, y) by (u, v), scaled so the longest is a tenth of the plotted range.</summary>
    private static List<RootedCoordinateVector> Vectors(double[] x, double[] y, double[] u, double[] v)
    {
        var range = Math.Max(x.Max() - x.Min(), y.Max() - y.Min());
        var longest = Enumerable.Range(0, u.Length).Max(i => Math.Sqrt(u[i] * u[i] + v[i] * v[i]));
        var scale = longest > 0 ? range / 10 / longest : 1;
        var vectors = Enumerable.Range(0, x.Length)
            .Select(i => new RootedCoordinateVector(new Coordinates(x[i], y[i]), new System.Numerics.Vector2((float)(u[i] * scale), (float)(v[i] * scale))))
            .ToList();
        return vectors;
    }
}
