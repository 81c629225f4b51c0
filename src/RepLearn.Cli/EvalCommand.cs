using Spectre.Console;

namespace RepLearn.Cli;

/// <summary>
/// replearn eval MODEL: the model's test loss (negative ELBO for VAEs), linear-probe and k-NN accuracy when
/// the data has labels, the disentanglement metrics when it has ground-truth factors (generated shapes; BetaVAE and FactorVAE on freshly
/// sampled shapes), for the VAE family (vae, iwae, tcvae) log p(x) estimated with k = 5000 importance samples on the
/// first --logpx-rows test rows, and for VAEs the active units and per-dimension KL.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Test rows log p(x) is estimated on unless --logpx-rows says otherwise (about 55 s for examples/vae on mnist, 2 cores; 200 rows took 108 s).</summary>
    public const int DefaultLogPxRows = 100;

    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "a checkpoint written by replearn train" };
        var data = Flags.Data();
        var seed = Flags.Seed();
        var logPxRows = Flags.Integer("--logpx-rows", $"estimate log p(x) of a VAE-family model on the first N test rows (0: skip; all rows of mnist take hours)", DefaultLogPxRows);
        var logPxSamples = Flags.Integer("--logpx-samples", "importance samples k per row for log p(x)", MarginalLikelihood.DefaultSamples);
        var command = new Command("eval", "evaluate a checkpoint on data") { model, data, seed, logPxRows, logPxSamples };
        command.SetAction(parse =>
        {
            var rows = Flags.AtLeast(parse.GetValue(logPxRows)!.Value, 0, "--logpx-rows");
            var samples = Flags.AtLeast(parse.GetValue(logPxSamples)!.Value, 1, "--logpx-samples");
            var path = parse.GetValue(model)!;
            if (!File.Exists(path)) throw new UsageException($"model {path}: no such file");
            var m = Models.Load(path);
            foreach (var note in Models.LoadNotes(path)) Console.Error.WriteLine($"note: {note}");
            DataSource.RequireWidth(parse.GetValue(data)!, m.InputDim);
            var d = DataSource.Load(parse.GetValue(data)!, parse.GetValue(seed));
            if (d.Width != m.InputDim) throw new UsageException($"--data has rows of width {d.Width}; the model expects {m.InputDim}");
            // Generated shapes carry their ground-truth factors: the training set's are regenerated from the same seed.
            var factors = string.Equals(parse.GetValue(data), DataSource.Shapes, StringComparison.OrdinalIgnoreCase)
                ? Datasets.ShapesFactors(d.Train.Length, parse.GetValue(seed)) : null;
            Print(Evaluate(m, d, parse.GetValue(seed), factors, logPxRows: rows, logPxSamples: samples), path, d.Description);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The evaluation's figures, in display order; with <paramref name="factors"/> (the ground-truth factor indices of
    /// the training rows) also one row per disentanglement metric of the training codes, and the BetaVAE and FactorVAE scores
    /// on freshly sampled shapes (<paramref name="sampledPoints"/> training and as many evaluation points each); for a
    /// model with a density, log p(x) with <paramref name="logPxSamples"/> importance samples on the first
    /// <paramref name="logPxRows"/> test rows (none when 0), beside the one-sample -ELBO on the same rows.
    /// </summary>
    public static List<(string Figure, string Value)> Evaluate(IRepresentationModel m, Dataset d, long seed, int[][]? factors = null, int sampledPoints = 500,
        int logPxRows = DefaultLogPxRows, int logPxSamples = MarginalLikelihood.DefaultSamples)
    {
        var test = d.Test ?? d.Train;
        var rows = new List<(string, string)>
        {
            ("model", $"{m.Kind}, {m.EpochsCompleted} epochs, input {m.InputDim}, representation {m.RepresentationDim}"),
            ((m is Vae ? "negative ELBO (nats)" : "loss") + (d.Test is null ? " on the training data (no test split)" : " on the test data"), $"{m.Loss(test):F3}"),
        };
        if (logPxRows > 0 && m.HasLogMarginal())
        {
            // Burda et al.'s figure: L_k with k = 5000 on as many rows as time allows; L_1 (a one-sample ELBO) on the same rows beside it.
            var first = test[..Math.Min(logPxRows, test.Length)];
            var logPx = m.LogMarginal(first, logPxSamples, seed).Average();
            var elbo = m.LogMarginal(first, 1, seed).Average();
            rows.Add(($"log p(x) (IWAE k={logPxSamples})", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{logPx:F3} nats on the first {first.Length} {(d.Test is null ? "training" : "test")} rows (-ELBO on them, k = 1: {-elbo:F3})")));
        }
        if (d.TrainLabels is not null && d.TestLabels is not null && d.Test is not null)
        {
            var train = m.Encode(d.Train);
            var encoded = m.Encode(d.Test);
            var (accuracy, crossEntropy) = Evaluation.LinearProbe(train, d.TrainLabels, encoded, d.TestLabels);
            rows.Add(("linear-probe accuracy", $"{accuracy:P2}"));
            rows.Add(("probe bound H(y) - CE (nats)", $"{Entropy(d.TestLabels) - crossEntropy:F3} (H(y) = {Entropy(d.TestLabels):F3})"));
            rows.Add(("k-NN accuracy (k = 5, cosine)", $"{Evaluation.KnnAccuracy(train, d.TrainLabels, encoded, d.TestLabels):P2}"));
            // Baseline: the same probe on the data's own top principal components, as many as the representation has.
            var (pcaTrain, pcaTest) = Evaluation.Pca(d.Train, d.Test, Math.Min(m.RepresentationDim, d.Width));
            var (pcaAccuracy, _) = Evaluation.LinearProbe(pcaTrain, d.TrainLabels, pcaTest, d.TestLabels);
            rows.Add(($"baseline: linear probe on PCA-{pcaTrain[0].Length} of the inputs", $"{pcaAccuracy:P2}"));
        }
        if (factors is not null)
        {
            var codes = m.Encode(d.Train);
            var scores = Evaluation.Disentanglement(codes, factors, m.Encode, seed, sampledPoints);
            foreach (var (name, value) in scores.Rows)
                rows.Add(($"{name} ({(name.EndsWith("VAE score", StringComparison.Ordinal) ? "sampled shapes" : "factors, training data")})",
                    value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)));
            // How linearly each factor can be read off the code: a probe per factor, fitted on the first 80% of the training
            // rows and scored on the rest.
            var cut = codes.Length * 4 / 5;
            for (var k = 0; k < factors[0].Length; k++)
            {
                var labels = factors.Select(row => row[k]).ToArray();
                var (accuracy, _) = Evaluation.LinearProbe(codes[..cut], labels[..cut], codes[cut..], labels[cut..]);
                rows.Add(($"linear-probe accuracy, factor {FactorName(k, factors[0].Length)} (training data, last 20% held out)", $"{accuracy:P2}"));
            }
        }
        if (m is Vae vae)
        {
            rows.Add(("active units (Cov > 0.01)", $"{vae.ActiveUnits(test)} of {vae.LatentDim}"));
            rows.Add(("KL per dimension (nats)", string.Join(" ", vae.KlPerDimension(test).Select(k => k.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))));
        }
        return rows;
    }

    private static void Print(List<(string Figure, string Value)> rows, string path, string data)
    {
        var table = new Table().Title(Markup.Escape($"{path} on {data}")).AddColumns("figure", "value");
        foreach (var (f, v) in rows) table.AddRow(Markup.Escape(f), Markup.Escape(v));
        AnsiConsole.Write(table);
    }

    /// <summary>The shapes factor names (the generator's column order) for five factors, else "k".</summary>
    private static string FactorName(int k, int count) =>
        count == 5 ? new[] { "shape", "scale", "orientation", "posX", "posY" }[k] : k.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Plug-in entropy of the labels, in nats (the core's <see cref="Functional.Information.DiscreteInformation.Entropy{T}"/>).</summary>
    private static double Entropy(int[] labels) => Functional.Information.DiscreteInformation.Entropy(labels);
}
