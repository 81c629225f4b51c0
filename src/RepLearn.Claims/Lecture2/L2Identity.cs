namespace RepLearn.Claims;

using Activation = RepLearn.Functional.Nn.Activation;
using Autoencoder = RepLearn.Functional.Models.Autoencoder;

/// <summary>
/// Claim <b>L2-identity</b> (Lecture 2): without a bottleneck (d &gt;= n) an autoencoder can learn the identity, so the
/// reconstruction loss goes to 0.
/// <para>
/// Method (statistical): a linear autoencoder n -&gt; d -&gt; n with d = n (identity activations, <see cref="Autoencoder"/>)
/// trained full-batch by <c>Train.Fit</c> with Adam and a cosine decay on 256 correlated Gaussian points (x = g M, g and M
/// N(0, 1)) reaches a mean squared error below 1e-6 of the data's total variance — from every one of five initialisations.
/// </para>
/// <para>
/// Schedule: peak learning rate 3e-2 decayed to 1e-3 of it (cosine) over <see cref="Epochs"/> = 6,000 full-batch steps. The
/// earlier 3,000-step schedule met the bound for the initialisation key FoldIn(2) only: FoldIn(1) left n = 5 at 2.5e-6 of the
/// variance and FoldIn(4) at 2.3e-5. Some initialisations sit on a plateau (MSE near 6e-4 of the variance) for a third of the
/// run before the error contracts geometrically, so doubling the steps leaves every key tried (these five, and 30 more
/// initialisations per n) at 1e-22 of the variance or below.
/// </para>
/// <para>
/// Known limit: the data's conditioning, not the initialisation, decides the speed. For a random mixing M with cond(M) in the
/// hundreds (covariance condition 1e5) the smallest direction, holding about 1/cond^2 of the variance, is still unlearned after
/// 6,000 steps (measured 2e-6 and 9e-6 of the variance for two such draws), so the data stay today's fixed draws: cond(M) = 24.2
/// (n = 3) and 24.3 (n = 5).
/// </para>
/// <para>
/// Budgets and keys: both use today's data (seed 21 for n = 3, 22 for n = 5: mixing from FoldIn(0), points from FoldIn(1),
/// shuffling from FoldIn(3)). Full trains from five initialisation keys per n: FoldIn(2) (today's), FoldIn(1) (the one that
/// failed the short schedule), FoldIn(4), FoldIn(5), FoldIn(6). Quick trains once per n, initialised from the claim's key.
/// </para>
/// </summary>
public static class L2Identity
{
    /// <summary>Full-batch Adam steps (one per epoch).</summary>
    public const int Epochs = 6000;

    /// <summary>The bound on MSE / total variance.</summary>
    public const double Bound = 1e-6;

    /// <summary>The claim, its method, and its experiment.</summary>
    public static Claim Claim { get; } = new("L2-identity", 2,
        "Without a bottleneck (d >= n) an autoencoder can learn the identity: loss -> 0",
        """
        A linear autoencoder with d = n (identity activations) trained full-batch by Adam (peak 3e-2, cosine decay to 1e-3 of it over 6,000
        steps) on 256 correlated Gaussian points reaches MSE < 1e-6 of the data's total variance, for n = 3 and n = 5, from each of five
        initialisation keys (full budget, today's fixed data, seeds 21 and 22, cond(M) about 24; the 3,000-step schedule used before left two of
        these keys at 2.5e-6 and 2.3e-5, so it was doubled). Quick: the same data, one initialisation per n from the claim's key.
        """,
        ClaimKind.Statistical,
        Experiment);

    private static ClaimResult Experiment(ClaimContext cx)
    {
        var measurements = new List<Measurement>();
        foreach (var (n, seed) in new[] { (3, 21L), (5, 22L) })
        {
            var key = Key.FromSeed(seed);
            if (cx.Budget == Budget.Full)
            {
                foreach (var fold in new long[] { 2, 1, 4, 5, 6 })
                    measurements.Add(Run(n, key.FoldIn(0), key.FoldIn(1), key.FoldIn(fold), key.FoldIn(3), $"n = d = {n} (seed {seed}), init FoldIn({fold})"));
            }
            else
            {
                measurements.Add(Run(n, key.FoldIn(0), key.FoldIn(1), cx.Key.FoldIn(n), key.FoldIn(3), $"n = d = {n} (seed {seed}), init from the claim's key"));
            }
        }
        return ClaimResult.Of([.. measurements]);
    }

    /// <summary>
    /// Trains the n -&gt; n -&gt; n linear autoencoder on 256 points x = g M (M from <paramref name="mixingKey"/>, g from
    /// <paramref name="dataKey"/>) and measures MSE / total variance against <see cref="Bound"/>.
    /// </summary>
    public static Measurement Run(int n, Key mixingKey, Key dataKey, Key initKey, Key shuffleKey, string label)
    {
        var mixing = Sample.Normal(mixingKey, n, n);
        var x = Ops.MatMul(Sample.Normal(dataKey, 256, n), mixing);
        var mean = Ops.Mean(x, 0);
        var variance = Ops.Sum(Ops.Mean(Ops.Square(Ops.Sub(x, mean)), 0)).ToScalar();
        var config = new AutoencoderConfig(n, n, ImmutableArray<int>.Empty, Activation.Identity);
        var p = ClaimTraining.FitAutoencoder(config, x, initKey, shuffleKey, epochs: Epochs, batchSize: 256, peakLearningRate: 3e-2, alpha: 0.001);
        var mse = Ops.Mean(Autoencoder.PerSampleLoss(p, config, x, initKey)).ToScalar();
        var singular = mixing.ToMatrix().Svd().S;
        var condition = singular.Maximum() / singular.Minimum();
        return new Measurement($"{label}: MSE / data variance (variance {Format.Number(variance)}, cond(M) {Format.Number(condition)})",
            mse / variance, $"< {Format.Number(Bound)}", mse < Bound * variance);
    }
}
