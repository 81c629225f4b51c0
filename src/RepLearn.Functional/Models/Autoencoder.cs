namespace RepLearn.Functional.Models;

/// <summary>An autoencoder's shape and objective.</summary>
/// <param name="InputDim">n.</param>
/// <param name="LatentDim">d, the bottleneck.</param>
/// <param name="HiddenDims">Encoder hidden widths; the decoder mirrors them.</param>
/// <param name="Activation">Between hidden layers (the code and the output are linear).</param>
/// <param name="Likelihood">Gaussian: squared error; Bernoulli: cross-entropy on logits.</param>
/// <param name="Corruption">None for an autoencoder; Gaussian or masking for a denoising autoencoder.</param>
public sealed record AutoencoderConfig(int InputDim, int LatentDim, ImmutableArray<int> HiddenDims, Activation Activation = Activation.Relu,
    Likelihood Likelihood = Likelihood.Gaussian, Corruption? Corruption = null)
{
    /// <summary>The corruption in use (never null).</summary>
    public Corruption Noise => Corruption ?? Corruption.None;

    /// <summary>This configuration, after checking every field's range (ArgumentOutOfRangeException naming the field).</summary>
    public AutoencoderConfig Validated()
    {
        Check.AtLeast(InputDim, 1, nameof(InputDim));
        Check.AtLeast(LatentDim, 1, nameof(LatentDim));
        Check.Widths(HiddenDims, nameof(HiddenDims));
        return this;
    }
}

/// <summary>
/// Autoencoders (Lecture 2): L_AE = E ||x - g(f(x))||^2, and denoising autoencoders (Vincent et al. 2008):
/// L_DAE = E ||x - g(f(x~))||^2 with x~ a corrupted x. With a Bernoulli likelihood the squared error is
/// replaced by the cross-entropy of x under the decoder's logits.
/// </summary>
public static class Autoencoder
{
    /// <summary>Fresh parameters: encoder from key.FoldIn(0), decoder from key.FoldIn(1).</summary>
    public static AutoencoderParams Init(Key key, AutoencoderConfig config)
    {
        config = config.Validated();
        var encoder = Mlp.Init(key.FoldIn(0), [config.InputDim, .. config.HiddenDims, config.LatentDim], config.Activation);
        var decoder = Mlp.Init(key.FoldIn(1), [config.LatentDim, .. config.HiddenDims.Reverse(), config.InputDim], config.Activation);
        return new AutoencoderParams(encoder, decoder);
    }

    /// <summary>
    /// The number of parameters <see cref="Init"/> creates, computed without allocating; saturates at
    /// long.MaxValue instead of overflowing (widths of 2^31 - 1 give a count every memory budget refuses).
    /// </summary>
    public static long ParameterCount(AutoencoderConfig config) => MemoryFootprint.Sum(
        MemoryFootprint.DenseParameters([config.InputDim, .. config.HiddenDims, config.LatentDim]),
        MemoryFootprint.DenseParameters([config.LatentDim, .. config.HiddenDims.Reverse(), config.InputDim]));

    /// <summary>
    /// The activation bytes of one training step on <paramref name="batchSize"/> rows (see
    /// <see cref="MemoryFootprint.ActivationBytes"/>): every layer of the encoder and decoder, plus the corrupted
    /// input and the per-element loss, each n wide. Saturating.
    /// </summary>
    public static long ActivationBytes(AutoencoderConfig config, long batchSize) => MemoryFootprint.ActivationBytes(batchSize,
        [config.InputDim, config.InputDim, .. config.HiddenDims, config.LatentDim, .. config.HiddenDims.Reverse(), config.InputDim, config.InputDim]);

    /// <summary>The code z = f(x).</summary>
    public static Tensor Encode(AutoencoderParams p, Tensor x) => Mlp.Apply(p.Encoder, x);

    /// <summary>The decoder output g(z): means (Gaussian) or logits (Bernoulli).</summary>
    public static Tensor Decode(AutoencoderParams p, Tensor z) => Mlp.Apply(p.Decoder, z);

    /// <summary>The reconstruction r(x) in data space: g(f(x)), through a sigmoid for Bernoulli.</summary>
    public static Tensor Reconstruct(AutoencoderParams p, AutoencoderConfig config, Tensor x)
    {
        var output = Decode(p, Encode(p, x));
        return config.Likelihood == Likelihood.Bernoulli ? Ops.Sigmoid(output) : output;
    }

    /// <summary>Per-sample reconstruction loss of the clean x from the decoder output.</summary>
    public static Tensor ReconstructionLoss(AutoencoderConfig config, Tensor x, Tensor output) =>
        config.Likelihood == Likelihood.Bernoulli ? Losses.BernoulliNll(output, x) : Losses.SquaredError(x, output);

    /// <summary>Per-sample loss with corruption drawn from <paramref name="key"/> (none for a plain AE).</summary>
    public static Tensor PerSampleLoss(AutoencoderParams p, AutoencoderConfig config, Tensor x, Key key) =>
        ReconstructionLoss(config, x, Decode(p, Encode(p, config.Noise.Apply(x, key))));

    /// <summary>The loss on a data set: mean per sample, in chunks, corruption for chunk c drawn from key.FoldIn(c's first row).</summary>
    public static double MeanLoss(AutoencoderParams p, AutoencoderConfig config, Tensor x, Key key) =>
        Chunked.MeanPerSample(x, key, (b, k) => PerSampleLoss(p, config, b, k));

    /// <summary>The training objective: the batch mean of the (denoising) reconstruction loss.</summary>
    public static BatchLoss<AutoencoderParams> Loss(AutoencoderConfig config) =>
        (p, batch, key) => LossOutput.Of(Ops.Mean(PerSampleLoss(p, config, batch, key)));
}
