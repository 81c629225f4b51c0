namespace RepLearn.Functional.Models;

/// <summary>A beta-TCVAE: a VAE's network with the KL term split and reweighted.</summary>
/// <param name="Vae">The network and likelihood (its Beta must be 1: the weights here replace it).</param>
/// <param name="DatasetSize">N, the number of training points batches are drawn from (the estimator's weights use it).</param>
/// <param name="Beta">Weight on the total correlation (1: the VAE; the paper explores larger values; 6 by default).</param>
/// <param name="Alpha">Weight on the index-code mutual information (1 in the paper).</param>
/// <param name="Gamma">Weight on the dimension-wise KL (1 in the paper).</param>
/// <param name="Estimator">How log q(z) and log q(z_k) are estimated from a batch (the paper's MWS by default).</param>
public sealed record TcVaeConfig(VaeConfig Vae, int DatasetSize, double Beta = 6.0, double Alpha = 1.0, double Gamma = 1.0,
    AggregatePosteriorEstimator Estimator = AggregatePosteriorEstimator.MinibatchWeighted)
{
    /// <summary>This configuration, after checking every field's range (ArgumentOutOfRangeException naming the field).</summary>
    public TcVaeConfig Validated()
    {
        Vae.Validated();
        if (Vae.Beta != 1) throw new ArgumentOutOfRangeException(nameof(Vae), Vae.Beta, "Vae.Beta must be 1 for a beta-TCVAE: Alpha, Beta and Gamma weigh the KL's parts");
        Check.AtLeast(DatasetSize, 1, nameof(DatasetSize));
        Check.NonNegative(Beta, nameof(Beta));
        Check.NonNegative(Alpha, nameof(Alpha));
        Check.NonNegative(Gamma, nameof(Gamma));
        if (!Enum.IsDefined(Estimator)) throw new ArgumentOutOfRangeException(nameof(Estimator), Estimator, "unknown estimator");
        return this;
    }
}

/// <summary>The per-sample parts of a beta-TCVAE loss, each n x 1.</summary>
/// <param name="Loss">Reconstruction + Alpha MI + Beta TC + Gamma dimension-wise KL.</param>
/// <param name="Reconstruction">-log p(x | z) at one reparameterised z.</param>
/// <param name="Parts">The KL's decomposition at that z (its sum is the one-sample KL estimate).</param>
/// <param name="Kl">The closed-form KL(q(z | x) || N(0, I)), for reference (not in the loss).</param>
public sealed record TcVaeTerms(Tensor Loss, Tensor Reconstruction, KlDecomposition Parts, Tensor Kl);

/// <summary>
/// The beta-TCVAE (Chen, Li, Grosse and Duvenaud 2018, "Isolating sources of disentanglement in variational
/// autoencoders"): the VAE's encoder and decoder (<see cref="Vae.Encode"/>, <see cref="Vae.Decode"/>) trained on
/// (their beta-TCVAE objective, negated) loss = E_q[-log p(x | z)] + alpha I_q(z; n) + beta KL(q(z) || prod_k q(z_k)) + gamma sum_k KL(q(z_k) || p(z_k)),
/// each part estimated on the batch (<see cref="Losses.KlDecomposition"/>). With alpha = beta = gamma = 1 the parts sum
/// to the one-sample KL estimate log q(z | x) - log p(z), so the loss is the VAE's negative ELBO with a Monte Carlo KL at
/// the same z (and equals <see cref="Vae.Loss"/> in expectation).
/// </summary>
/// <example><code>
/// var config = new TcVaeConfig(new VaeConfig(784, 10, [400]), DatasetSize: x.Rows, Beta: 6).Validated();
/// var fit = Train.Fit(TcVae.Init(key, config), ..., TcVae.Loss(config), x, options);
/// </code></example>
public static class TcVae
{
    /// <summary>Fresh parameters: the VAE's (<see cref="Vae.Init"/>).</summary>
    public static VaeParams Init(Key key, TcVaeConfig config) => Vae.Init(key, config.Vae);

    /// <summary>The parameter count: the VAE's.</summary>
    public static long ParameterCount(TcVaeConfig config) => Vae.ParameterCount(config.Vae);

    /// <summary>
    /// The VAE's activation bytes plus the decomposition's pairwise densities: about 8 arrays of M x M x d doubles
    /// (<see cref="MemoryFootprint.BytesPerActivation"/> per unit, counted as M rows of M d units). Saturating.
    /// </summary>
    public static long ActivationBytes(TcVaeConfig config, long batchSize) => Saturating.Add(Vae.ActivationBytes(config.Vae, batchSize),
        MemoryFootprint.ActivationBytes(Saturating.Multiply(batchSize, batchSize), [config.Vae.LatentDim, config.Vae.LatentDim]));

    /// <summary>The loss's parts for a batch x, with one reparameterised sample per row from <paramref name="key"/> (the same z as <see cref="Vae.Terms"/>).</summary>
    public static TcVaeTerms Terms(VaeParams p, TcVaeConfig config, Tensor x, Key key)
    {
        var (mu, logVar) = Vae.Encode(p, x);
        var z = Losses.Reparameterize(mu, logVar, key);
        var eps = Sample.Normal(key, mu.Rows, mu.Cols, mu.DType);         // the noise Reparameterize drew
        var reconstruction = Vae.DecoderNll(config.Vae, x, Vae.Decode(p, z));
        var parts = Losses.KlDecomposition(z, eps, mu, logVar, config.DatasetSize, config.Estimator);
        var loss = Ops.Add(reconstruction, Ops.Add(Ops.Scale(parts.MutualInformation, config.Alpha),
            Ops.Add(Ops.Scale(parts.TotalCorrelation, config.Beta), Ops.Scale(parts.DimensionWiseKl, config.Gamma))));
        return new TcVaeTerms(loss, reconstruction, parts, Losses.GaussianKl(mu, logVar));
    }

    /// <summary>
    /// The test loss: the mean of <see cref="TcVaeTerms.Loss"/> over a data set, in chunks of <see cref="EvaluationChunk"/>
    /// rows (<see cref="Chunked.MeanPerSample"/>; each chunk is the batch the aggregate posterior is estimated from, and
    /// draws from key.FoldIn(its first row)).
    /// </summary>
    public static double MeanLoss(VaeParams p, TcVaeConfig config, Tensor x, Key key) =>
        Chunked.MeanPerSample(x, key, (b, k) => Terms(p, config, b, k).Loss, EvaluationChunk);

    /// <summary>Rows per chunk of <see cref="MeanLoss"/>: the decomposition's pairwise densities grow as the chunk squared.</summary>
    public const int EvaluationChunk = 256;

    /// <summary>
    /// The training objective: the batch mean of <see cref="TcVaeTerms.Loss"/>; metrics reconstruction, mi, tc,
    /// dimwise_kl and kl (closed form), each a batch mean.
    /// </summary>
    public static BatchLoss<VaeParams> Loss(TcVaeConfig config) => (p, batch, key) =>
    {
        var t = Terms(p, config, batch, key);
        static double Mean(Tensor x) => Ops.Mean(x.Detach()).ToScalar();
        var metrics = ImmutableSortedDictionary<string, double>.Empty
            .Add("reconstruction", Mean(t.Reconstruction)).Add("kl", Mean(t.Kl))
            .Add("mi", Mean(t.Parts.MutualInformation)).Add("tc", Mean(t.Parts.TotalCorrelation)).Add("dimwise_kl", Mean(t.Parts.DimensionWiseKl));
        return new LossOutput(Ops.Mean(t.Loss), metrics);
    };
}
