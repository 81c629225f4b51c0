namespace RepLearn.Functional.Models;

/// <summary>An importance-weighted autoencoder: a VAE's network trained on the k-sample bound.</summary>
/// <param name="Vae">The network and likelihood (its Beta must be 1: the bound has no KL weight).</param>
/// <param name="Samples">k, importance samples per data point in training (Burda et al. use 1, 5 and 50).</param>
public sealed record IwaeConfig(VaeConfig Vae, int Samples = 5)
{
    /// <summary>This configuration, after checking every field's range (ArgumentOutOfRangeException naming the field).</summary>
    public IwaeConfig Validated()
    {
        Vae.Validated();
        Check.AtLeast(Samples, 1, nameof(Samples));
        if (Vae.Beta != 1) throw new ArgumentOutOfRangeException(nameof(Vae), Vae.Beta, "Vae.Beta must be 1 for an IWAE: the importance-weighted bound has no KL weight");
        return this;
    }
}

/// <summary>
/// The importance-weighted autoencoder (Burda, Grosse and Salakhutdinov 2016, "Importance weighted autoencoders"):
/// the VAE's encoder q(z | x) and decoder p(x | z) (<see cref="Vae.Encode"/>, <see cref="Vae.Decode"/>), trained on
/// the k-sample bound (their section 3)
/// L_k(x) = E_{z_1..z_k ~ q(z | x)} [ log (1/k) sum_i w_i ],  w_i = p(x | z_i) p(z_i) / q(z_i | x),
/// with ELBO = L_1 &lt;= L_k &lt;= L_{k+1} &lt;= log p(x) (their Theorem 1) and L_k -&gt; log p(x) as k -&gt; infinity
/// when the weights are bounded. The same bound with k = 5000 estimates log p(x) for any trained VAE
/// (<see cref="LogMarginal"/>, their section 5).
/// </summary>
/// <example><code>
/// var config = new IwaeConfig(new VaeConfig(784, 20, [400]), Samples: 5).Validated();
/// var p = Iwae.Init(Key.FromSeed(0), config);
/// var fit = Train.Fit(p, adam.Init(p), adam, Iwae.Loss(config), x, options);
/// var logPx = Iwae.LogMarginal(fit.Parameters, config.Vae, xTest, Key.FromSeed(1));   // n x 1, k = 5000
/// </code></example>
public static partial class Iwae
{
    /// <summary>Fresh parameters: the VAE's (<see cref="Vae.Init"/>), so an IWAE and a VAE from one key start alike.</summary>
    public static VaeParams Init(Key key, IwaeConfig config) => Vae.Init(key, config.Vae);

    /// <summary>The parameter count: the VAE's.</summary>
    public static long ParameterCount(IwaeConfig config) => Vae.ParameterCount(config.Vae);

    /// <summary>
    /// An upper estimate of one training step's activation bytes: the VAE's on k x batchSize rows (the decoder and
    /// likelihood run on k codes per row; the encoder, counted k times too, runs once). Saturating.
    /// </summary>
    public static long ActivationBytes(IwaeConfig config, long batchSize) =>
        Vae.ActivationBytes(config.Vae, Saturating.Multiply(batchSize, config.Samples));

    /// <summary>
    /// The log importance weights log w_ij = log p(x_i | z_ij) + log p(z_ij) - log q(z_ij | x_i), n x k, for k
    /// reparameterised codes z_ij = mu_i + sigma_i eps_ij per row. The noise is Sample.Normal(key, k n, d) laid out
    /// sample-major (row j n + i is eps_ij), so sample j = 0 is exactly the noise <see cref="Vae.Terms"/> draws from
    /// the same key, and the first k samples of a (k + 1)-sample call are those of the k-sample call (common random
    /// numbers). log q is evaluated in eps (<see cref="Losses.ReparameterizedLogDensity"/>); all densities include
    /// their normalising constants, so E_q[w] = p(x).
    /// </summary>
    public static Tensor LogWeights(VaeParams p, VaeConfig config, Tensor x, int samples, Key key)
    {
        var (mu, logVar) = Vae.Encode(p, x);
        return LogWeights(p, config, x, mu, logVar, samples, key);
    }

    /// <summary>
    /// L_k per row: log (1/k) sum_j w_ij = logsumexp_j(log w_ij) - log k (stable for weights far beyond e^700). n x 1.
    /// With k = 1 it is the one-sample ELBO with a Monte Carlo KL, -(-log p(x | z)) - (log q(z | x) - log p(z)), at the
    /// same z as <see cref="Vae.Terms"/> (whose analytic KL has the same expectation).
    /// </summary>
    public static Tensor Bound(VaeParams p, VaeConfig config, Tensor x, int samples, Key key) =>
        LogMeanExp(LogWeights(p, config, x, samples, key));

    /// <summary>
    /// The training objective: -(1/n) sum_i L_k(x_i) with k = config.Samples; metrics "iwae" (the mean bound) and
    /// "elbo" (the mean log weight, the k-sample ELBO estimate; iwae - elbo &gt;= 0 is what the k samples gain).
    /// Its gradient weights each sample's gradient of log w_ij by its normalised weight w_ij / sum_l w_il (their section 3).
    /// </summary>
    public static BatchLoss<VaeParams> Loss(IwaeConfig config) => (p, batch, key) =>
    {
        var logW = LogWeights(p, config.Vae, batch, config.Samples, key);
        var bound = LogMeanExp(logW);
        var metrics = ImmutableSortedDictionary<string, double>.Empty
            .Add("iwae", Ops.Mean(bound.Detach()).ToScalar())
            .Add("elbo", Ops.Mean(logW.Detach()).ToScalar());
        return new LossOutput(Ops.Neg(Ops.Mean(bound)), metrics);
    };

    /// <summary>
    /// The test loss: -(1/n) sum_i L_k(x_i) over a data set, k = config.Samples, in chunks (<see cref="Chunked.MeanPerSample"/>:
    /// chunk c draws from key.FoldIn(its first row)).
    /// </summary>
    public static double MeanNegativeBound(VaeParams p, IwaeConfig config, Tensor x, Key key) =>
        Chunked.MeanPerSample(x, key, (b, k) => Ops.Neg(Bound(p, config.Vae, b, config.Samples, k)));

    // log w for given posterior parameters (mu, logVar), so LogMarginal encodes each row block once.
    private static Tensor LogWeights(VaeParams p, VaeConfig config, Tensor x, Tensor mu, Tensor logVar, int samples, Key key)
    {
        Check.AtLeast(samples, 1, nameof(samples));
        var (n, d) = (mu.Rows, mu.Cols);
        var muK = Ops.TileRows(mu, samples);                       // row j n + i is mu_i
        var logVarK = Ops.TileRows(logVar, samples);
        var z = Losses.Reparameterize(muK, logVarK, key);          // draws eps = Sample.Normal(key, k n, d)
        var eps = Sample.Normal(key, samples * n, d, mu.DType);              // the same eps, for log q
        var logPxz = Ops.Neg(Vae.DecoderNll(config, Ops.TileRows(x, samples), Vae.Decode(p, z)));
        var logW = Ops.Sub(Ops.Add(logPxz, Losses.StandardNormalLogDensity(z)), Losses.ReparameterizedLogDensity(eps, logVarK));
        return Ops.Transpose(Ops.Reshape(logW, samples, n));       // (k n) x 1 -> k x n -> n x k
    }

    // log (1/k) sum_j exp(a_ij) per row.
    private static Tensor LogMeanExp(Tensor logW) => Ops.AddScalar(Ops.LogSumExp(logW, 1), -Math.Log(logW.Cols));
}
