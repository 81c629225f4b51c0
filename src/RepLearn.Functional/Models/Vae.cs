namespace RepLearn.Functional.Models;

/// <summary>A VAE's shape and objective.</summary>
/// <param name="InputDim">n, the data width.</param>
/// <param name="LatentDim">d, the code width.</param>
/// <param name="HiddenDims">Hidden widths of the encoder trunk; the decoder mirrors them.</param>
/// <param name="Activation">Between hidden layers.</param>
/// <param name="Likelihood">Decoder p(x | z): Bernoulli on logits, or Gaussian with variance e^DecoderLogVar.</param>
/// <param name="Beta">Weight on the KL (1: VAE; &gt; 1: beta-VAE).</param>
/// <param name="DecoderLogVar">Fixed log-variance of the Gaussian decoder (ignored for Bernoulli).</param>
public sealed record VaeConfig(int InputDim, int LatentDim, ImmutableArray<int> HiddenDims, Activation Activation = Activation.Relu,
    Likelihood Likelihood = Likelihood.Bernoulli, double Beta = 1.0, double DecoderLogVar = 0.0)
{
    /// <summary>This configuration, after checking every field's range (ArgumentOutOfRangeException naming the field).</summary>
    public VaeConfig Validated()
    {
        Check.AtLeast(InputDim, 1, nameof(InputDim));
        Check.AtLeast(LatentDim, 1, nameof(LatentDim));
        Check.Widths(HiddenDims, nameof(HiddenDims));
        Check.NonNegative(Beta, nameof(Beta));
        Check.Finite(DecoderLogVar, nameof(DecoderLogVar));
        return this;
    }
}

/// <summary>
/// The variational autoencoder (Kingma and Welling 2014; Lecture 3): q(z | x) = N(mu(x), diag sigma^2(x)),
/// p(z) = N(0, I), maximising ELBO = E_q[log p(x | z)] - beta KL(q(z | x) || p(z)).
/// With HiddenDims [400], LatentDim 20 and a Bernoulli decoder this is PyTorch's examples/vae.
/// </summary>
public static class Vae
{
    /// <summary>Fresh parameters: encoder from key.FoldIn(0), heads from 1 and 2, decoder from 3.</summary>
    public static VaeParams Init(Key key, VaeConfig config)
    {
        config = config.Validated();
        var hidden = config.HiddenDims;
        var trunk = hidden.IsEmpty ? config.InputDim : hidden[^1];
        var encoder = hidden.IsEmpty
            ? new Mlp([], config.Activation, config.Activation)
            : Mlp.Init(key.FoldIn(0), [config.InputDim, .. hidden], config.Activation, config.Activation);
        var decoder = Mlp.Init(key.FoldIn(3), [config.LatentDim, .. hidden.Reverse(), config.InputDim], config.Activation);
        return new VaeParams(encoder, Dense.Init(key.FoldIn(1), trunk, config.LatentDim), Dense.Init(key.FoldIn(2), trunk, config.LatentDim), decoder);
    }

    /// <summary>
    /// The number of parameters <see cref="Init"/> creates, computed without allocating; saturates at
    /// long.MaxValue instead of overflowing (widths of 2^31 - 1 give a count every memory budget refuses).
    /// </summary>
    public static long ParameterCount(VaeConfig config)
    {
        var hidden = config.HiddenDims;
        var trunk = hidden.IsEmpty ? config.InputDim : hidden[^1];
        var head = MemoryFootprint.DenseParameters([trunk, config.LatentDim]);
        return MemoryFootprint.Sum(MemoryFootprint.DenseParameters([config.InputDim, .. hidden]), head, head,
            MemoryFootprint.DenseParameters([config.LatentDim, .. hidden.Reverse(), config.InputDim]));
    }

    /// <summary>
    /// The activation bytes of one training step on <paramref name="batchSize"/> rows (see
    /// <see cref="MemoryFootprint.ActivationBytes"/>): the input, the encoder trunk, the two heads (mu, log sigma^2),
    /// the reparameterisation (eps, sigma, z), the decoder and the per-element likelihood. Saturating.
    /// </summary>
    public static long ActivationBytes(VaeConfig config, long batchSize) => MemoryFootprint.ActivationBytes(batchSize,
    [
        config.InputDim, .. config.HiddenDims, config.LatentDim, config.LatentDim, config.LatentDim, config.LatentDim, config.LatentDim,
        .. config.HiddenDims.Reverse(), config.InputDim, config.InputDim,
    ]);

    /// <summary>The posterior's parameters (mu, log sigma^2) for a batch x.</summary>
    public static (Tensor Mean, Tensor LogVar) Encode(VaeParams p, Tensor x)
    {
        var h = p.Encoder.Layers.IsEmpty ? x : Mlp.Apply(p.Encoder, x);
        return (Dense.Apply(p.Mean, h), Dense.Apply(p.LogVar, h));
    }

    /// <summary>The decoder's output for codes z: logits (Bernoulli) or means (Gaussian).</summary>
    public static Tensor Decode(VaeParams p, Tensor z) => Mlp.Apply(p.Decoder, z);

    /// <summary>The expected reconstruction at the posterior mean: sigmoid(logits) or the Gaussian mean.</summary>
    public static Tensor Reconstruct(VaeParams p, VaeConfig config, Tensor x)
    {
        var output = Decode(p, Encode(p, x).Mean);
        return config.Likelihood == Likelihood.Bernoulli ? Ops.Sigmoid(output) : output;
    }

    /// <summary>-log p(x | z) per sample for the decoder output.</summary>
    public static Tensor DecoderNll(VaeConfig config, Tensor x, Tensor output) => config.Likelihood == Likelihood.Bernoulli
        ? Losses.BernoulliNll(output, x)
        : Losses.GaussianNll(x, output, Tensor.Filled(x.Rows, x.Cols, config.DecoderLogVar, x.DType));

    /// <summary>The per-sample negative ELBO terms for a batch, with one reparameterised sample from <paramref name="key"/>.</summary>
    public static ElboTerms Terms(VaeParams p, VaeConfig config, Tensor x, Key key)
    {
        var (mu, logVar) = Encode(p, x);
        return Losses.NegativeElbo(mu, logVar, z => DecoderNll(config, x, Decode(p, z)), key, config.Beta);
    }

    /// <summary>The mean negative ELBO per sample of a data set, in chunks, one reparameterised sample per row (chunk c's from key.FoldIn(c's first row)).</summary>
    public static double MeanNegativeElbo(VaeParams p, VaeConfig config, Tensor x, Key key) =>
        Chunked.MeanPerSample(x, key, (b, k) => Terms(p, config, b, k).NegativeElbo);

    /// <summary>The training objective: the batch mean of the negative ELBO, with reconstruction and kl as metrics.</summary>
    public static BatchLoss<VaeParams> Loss(VaeConfig config) => (p, batch, key) =>
    {
        var terms = Terms(p, config, batch, key);
        var metrics = ImmutableSortedDictionary<string, double>.Empty
            .Add("reconstruction", Ops.Mean(terms.Reconstruction.Detach()).ToScalar())
            .Add("kl", Ops.Mean(terms.Kl.Detach()).ToScalar());
        return new LossOutput(Ops.Mean(terms.NegativeElbo), metrics);
    };

    /// <summary>
    /// Mean per-dimension KL over a data set, KL_j = (1/n) sum_i KL(q(z_j | x_i) || N(0, 1)): a dimension
    /// near 0 nats has collapsed to the prior (posterior collapse, a diagnostic rather than an error).
    /// </summary>
    public static double[] KlPerDimension(VaeParams p, Tensor x)
    {
        var (mu, logVar) = Encode(p, x);
        return Ops.Mean(Losses.GaussianKlPerDimension(mu, logVar), 0).ToArray();
    }

    /// <summary>
    /// Active units (Burda et al. 2016): dimensions whose posterior mean varies across the data,
    /// Cov_x(E_q[z_j]) &gt; threshold (default 0.01).
    /// </summary>
    public static int ActiveUnits(VaeParams p, Tensor x, double threshold = 0.01)
    {
        var mu = Encode(p, x).Mean;
        var mean = Ops.Mean(mu, 0);
        var variance = Ops.Mean(Ops.Square(Ops.Sub(mu, mean)), 0).ToArray();
        var active = 0;
        foreach (var v in variance) if (v > threshold) active++;
        return active;
    }
}
