namespace RepLearn.Claims;

using Activation = RepLearn.Functional.Nn.Activation;
using Autoencoder = RepLearn.Functional.Models.Autoencoder;
using Likelihood = RepLearn.Functional.Models.Likelihood;

/// <summary>
/// Claim <b>L2-dae-score</b> (Lecture 2; Vincent 2011): a denoising autoencoder estimates the score of the noised density,
/// (r(x~) - x~) / sigma^2 ~ grad log p_sigma(x~).
/// <para>
/// Method (statistical): an MLP DAE (2 -&gt; 48 -&gt; 48 -&gt; 48 -&gt; 2, tanh, Gaussian corruption sigma) is trained with Adam (30
/// epochs, batch 256, peak 5e-3, cosine decay to 5%) on 4,000 draws of an 8-component Gaussian mixture on a circle
/// (<see cref="GaussianMixture.Circle"/>), fresh noise each step; on 2,000 fresh samples of p_sigma, the mean cosine similarity
/// between the learned and the exact score (<see cref="GaussianMixture.Score"/>) must exceed 0.9. Figure "l2-dae-score-field":
/// both fields, scaled by sigma^2 (so each arrow is a displacement in data units: r(x~) - x~ against its exact counterpart
/// sigma^2 grad log p_sigma), on a 15 x 15 grid over [-3.5, 3.5]^2, for the first setting.
/// </para>
/// <para>
/// Budgets and keys: Full is today's experiment, sigma 0.3 (seed 31) and 0.5 (seed 32), ignoring the claim's key. Quick trains
/// the sigma 0.3 setting alone, at the same size, with every draw from the claim's key, and draws the figure from it: over 20
/// claim keys its cosine was at least 0.975, while a smaller DAE (2 -&gt; 32 -&gt; 32 -&gt; 2, 2,000 draws, 15 epochs) fell
/// below 0.9 for 3 keys of 20, so the quick budget saves a setting, not samples.
/// </para>
/// </summary>
public static class L2DaeScore
{
    /// <summary>One training run: noise sigma, the DAE's code width and hidden widths (encoder 2 -&gt; hidden -&gt; code, decoder the mirror), draws, epochs, peak learning rate, evaluation samples.</summary>
    public sealed record Setting(double Sigma, int Latent, int[] Hidden, int Draws, int Epochs, double PeakLearningRate, double Alpha, int Evaluation);

    /// <summary>The claim, its method, and its experiment.</summary>
    public static Claim Claim { get; } = new("L2-dae-score", 2,
        "A DAE estimates the score: (r(x~) - x~)/sigma^2 ~ grad log p_sigma(x~) (Vincent 2011)",
        """
        On an 8-component 2-D Gaussian mixture on a circle, whose noised density and score are known in closed form: an MLP DAE (2 -> 48 -> 48 ->
        48 -> 2, tanh, Gaussian corruption, fresh noise each step) trained by Adam (30 epochs on 4,000 draws, cosine decay) gives a score
        estimate whose mean cosine similarity with the exact score over 2,000 fresh samples of p_sigma exceeds 0.9 (sigma 0.3 and 0.5, fixed
        seeds 31 and 32). Both fields are drawn on a grid. Quick: sigma 0.3 alone, same size, drawn from the claim's key.
        """,
        ClaimKind.Statistical,
        Experiment);

    private static ClaimResult Experiment(ClaimContext cx)
    {
        if (cx.Budget == Budget.Full)
        {
            var first = Case(new Setting(0.3, 48, [48, 48], 4000, 30, 5e-3, 0.05, 2000), Key.FromSeed(31), figure: true);
            var second = Case(new Setting(0.5, 48, [48, 48], 4000, 30, 5e-3, 0.05, 2000), Key.FromSeed(32), figure: false);
            return new ClaimResult([.. first.Measurements, .. second.Measurements], first.Figures);
        }
        return Case(new Setting(0.3, 48, [48, 48], 4000, 30, 5e-3, 0.05, 2000), cx.Key, figure: true);
    }

    /// <summary>
    /// Trains the DAE of <paramref name="setting"/> on keys folded from <paramref name="key"/> and measures the mean cosine between
    /// the learned and the exact score on fresh samples of p_sigma; with <paramref name="figure"/>, both fields on a grid.
    /// </summary>
    public static ClaimResult Case(Setting setting, Key key, bool figure)
    {
        var sigma = setting.Sigma;
        var mixture = GaussianMixture.Circle();
        var x = mixture.Sample(key.FoldIn(0), setting.Draws);
        var config = new AutoencoderConfig(2, setting.Latent, [.. setting.Hidden], Activation.Tanh, Likelihood.Gaussian, Corruption.Gaussian(sigma));
        var p = ClaimTraining.FitAutoencoder(config, x, key.FoldIn(1), key.FoldIn(2), epochs: setting.Epochs, batchSize: 256,
            peakLearningRate: setting.PeakLearningRate, alpha: setting.Alpha);

        Tensor Learned(Tensor at) => Ops.Scale(Ops.Sub(Autoencoder.Reconstruct(p, config, at), at), 1 / (sigma * sigma));
        var noisy = mixture.Sample(key.FoldIn(3), setting.Evaluation, sigma);
        var cosine = Ops.Mean(Core.CosineSimilarity(Learned(noisy), mixture.Score(noisy, sigma))).ToScalar();
        var measurement = new Measurement(
            $"sigma {sigma}: mean cosine(learned score, exact score) over {setting.Evaluation} samples of p_sigma", cosine, "> 0.9", cosine > 0.9);
        if (!figure) return ClaimResult.Of(measurement);

        const int side = 15;
        const double extent = 3.5;
        var grid = Tensor.Create(side * side, 2, (i, c) => -extent + 2 * extent * (c == 0 ? i % side : i / side) / (side - 1));
        var learned = Learned(grid);
        var exact = mixture.Score(grid, sigma);
        double[] Column(Tensor t, int c, double scale) => [.. Enumerable.Range(0, t.Rows).Select(i => scale * t[i, c])];
        var xs = Column(grid, 0, 1);
        var ys = Column(grid, 1, 1);
        var s2 = sigma * sigma;
        var field = new FigureData("l2-dae-score-field",
            $"Score of the noised 8-Gaussian circle (sigma = {Format.Number(sigma)}): DAE estimate against the exact score, times sigma^2",
            "x~_1", "x~_2",
            [
                new Series("exact: sigma^2 grad log p_sigma(x~)", xs, ys, SeriesKind.Arrows, Column(exact, 0, s2), Column(exact, 1, s2)),
                new Series("learned: r(x~) - x~", xs, ys, SeriesKind.Arrows, Column(learned, 0, s2), Column(learned, 1, s2)),
                new Series("mixture means", Column(mixture.Means, 0, 1), Column(mixture.Means, 1, 1), SeriesKind.Scatter),
            ]);
        return new ClaimResult([measurement], [field]);
    }
}
