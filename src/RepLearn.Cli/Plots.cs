using System.Text.Json;
using ScottPlot;

namespace RepLearn.Cli;

/// <summary>The figures of `replearn plot`, drawn with ScottPlot.</summary>
internal static class Plots
{
    public static List<string> All(IRepresentationModel m, Dataset d, string folder, string? metrics)
    {
        var written = new List<string>();
        var sample = (d.Test ?? d.Train).Take(10).ToArray();
        if (m is IReconstructingModel r && d.ImageSide is { } side)
        {
            written.Add(Save(Mosaic([sample, r.Reconstruct(sample)], side, "inputs (top) and reconstructions (bottom)"), folder, "reconstructions.png", 1000, 260));
            written.Add(Save(Mosaic(Traversals(r, d.Train, side), side, "latent traversals: one row per dimension, -2.5 to 2.5 sd"), folder, "traversals.png", 900, 900));
        }
        written.Add(Save(Scatter(m, d), folder, "latent-scatter.png", 800, 700));
        if (metrics is not null) written.Add(Save(LossCurve(metrics), folder, "loss-curve.png", 800, 500));
        return written;
    }

    private static string Save(Plot plot, string folder, string name, int width, int height)
    {
        var path = Path.Combine(folder, name);
        plot.SavePng(path, width, height);
        return path;
    }

    /// <summary>Rows of square images side by side, as one greyscale heatmap.</summary>
    private static Plot Mosaic(double[][][] rows, int side, string title)
    {
        var cols = rows.Max(r => r.Length);
        var pixels = new double[rows.Length * side, cols * side];
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < rows[i].Length; j++)
                for (var y = 0; y < side; y++)
                    for (var x = 0; x < side; x++)
                        pixels[i * side + y, j * side + x] = rows[i][j][y * side + x];
        var plot = new Plot();
        var map = plot.Add.Heatmap(pixels);
        map.Colormap = new ScottPlot.Colormaps.Grayscale();
        plot.Axes.Frameless();
        plot.HideGrid();
        plot.Title(title);
        return plot;
    }

    /// <summary>For each of the first 8 dimensions, codes moved from -2.5 to 2.5 standard deviations around the mean code, decoded.</summary>
    private static double[][][] Traversals(IReconstructingModel r, double[][] train, int side)
    {
        var codes = r.Encode(train.Take(1000).ToArray());
        var d = codes[0].Length;
        var mean = Enumerable.Range(0, d).Select(j => codes.Average(c => c[j])).ToArray();
        var sd = Enumerable.Range(0, d).Select(j => Math.Sqrt(codes.Average(c => (c[j] - mean[j]) * (c[j] - mean[j])))).ToArray();
        return Enumerable.Range(0, Math.Min(d, 8)).Select(j =>
            r.Decode(Enumerable.Range(0, 9).Select(s =>
            {
                var z = (double[])mean.Clone();
                z[j] += (-2.5 + 5.0 * s / 8) * Math.Max(sd[j], 1e-3);
                return z;
            }).ToArray())).ToArray();
    }

    /// <summary>Codes of up to 2000 samples in 2-D (the first two principal components when wider), coloured by label.</summary>
    private static Plot Scatter(IRepresentationModel m, Dataset d)
    {
        var x = (d.Test ?? d.Train).Take(2000).ToArray();
        var labels = (d.Test is not null ? d.TestLabels : d.TrainLabels)?.Take(2000).ToArray();
        var codes = m.Encode(x);
        var points = codes[0].Length > 2 ? Evaluation.Pca(codes, codes, 2).Train : codes;
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var groups = labels is null ? [0] : labels.Distinct().Order().ToArray();
        foreach (var g in groups)
        {
            var idx = Enumerable.Range(0, points.Length).Where(i => labels is null || labels[i] == g).ToArray();
            var s = plot.Add.ScatterPoints(idx.Select(i => points[i][0]).ToArray(), idx.Select(i => points[i].Length > 1 ? points[i][1] : 0).ToArray());
            s.Color = palette.GetColor(g);
            s.MarkerSize = 4;
            if (labels is not null) s.LegendText = $"label {g}";
        }
        if (labels is not null) plot.ShowLegend();
        plot.Title(codes[0].Length > 2 ? "latent space (first two principal components)" : "latent space");
        return plot;
    }

    /// <summary>A JSON number, or the "NaN" / "Infinity" strings the metrics writer uses for non-finite figures.</summary>
    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? double.Parse(e.GetString()!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
        : e.GetDouble();

    /// <summary>train_loss and test_loss per epoch from a metrics file.</summary>
    private static Plot LossCurve(string metrics)
    {
        var epochs = new List<double>();
        var train = new List<double>();
        var test = new List<double>();
        foreach (var (line, number) in File.ReadLines(metrics).Select((l, i) => (l, i + 1)).Where(p => p.l.Trim().Length > 0))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                epochs.Add(Number(doc.RootElement.GetProperty("epoch")));
                train.Add(Number(doc.RootElement.GetProperty("train_loss")));
                if (doc.RootElement.TryGetProperty("test_loss", out var t)) test.Add(Number(t));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{metrics}: line {number} is not a metrics record ({e.Message})");
            }
        }
        var plot = new Plot();
        plot.Add.Scatter(epochs.ToArray(), train.ToArray()).LegendText = "train";
        if (test.Count == epochs.Count && test.Count > 0) plot.Add.Scatter(epochs.ToArray(), test.ToArray()).LegendText = "test";
        plot.ShowLegend();
        plot.XLabel("epoch");
        plot.YLabel("loss per sample");
        return plot;
    }
}
