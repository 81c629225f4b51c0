namespace RepLearn.Functional.Export;

/// <summary>
/// The encoders and decoders of the library's models as ONNX graphs (Gemm and element-wise activations), computing
/// exactly what the core's Encode and Decode compute, with a dynamic batch dimension:
/// <list type="bullet">
/// <item>autoencoder (and denoising autoencoder) encoder: x -> z = f(x), <see cref="Autoencoder.Encode"/> (no corruption);</item>
/// <item>autoencoder decoder: z -> g(z), through a sigmoid for a Bernoulli likelihood (the reconstruction's mean, as the facade's Decode);</item>
/// <item>VAE encoder: x -> mu(x), the posterior mean <see cref="Vae.Encode"/>.Mean (log sigma^2 is not exported);</item>
/// <item>VAE decoder: z -> E[x | z], sigmoid(logits) for Bernoulli, the mean for Gaussian;</item>
/// <item>contrastive encoder: x -> h = f(x), the representation <see cref="Contrastive.Encode"/> returns: before the
/// projection head and without normalisation. A contrastive model has no decoder.</item>
/// </list>
/// Inputs are named "x" (encoders) and "z" (decoders); outputs "representation" and "reconstruction".
/// </summary>
/// <example><code>
/// var graph = OnnxExport.Encoder(vaeParams);
/// OnnxFile.Save("encoder.onnx", graph, OnnxElementType.Float32);
/// </code></example>
public static class OnnxExport
{
    /// <summary>The encoder's input name.</summary>
    public const string EncoderInput = "x";

    /// <summary>The encoder's output name.</summary>
    public const string EncoderOutput = "representation";

    /// <summary>The decoder's input name.</summary>
    public const string DecoderInput = "z";

    /// <summary>The decoder's output name.</summary>
    public const string DecoderOutput = "reconstruction";

    /// <summary>z = f(x) of an autoencoder or denoising autoencoder.</summary>
    public static OnnxGraph Encoder(AutoencoderParams p, string graphName = "autoencoder_encoder")
    {
        ArgumentNullException.ThrowIfNull(p);
        return new OnnxGraphBuilder(new OnnxValue(EncoderInput, p.Encoder.InputDim)).Mlp("encoder", p.Encoder).Build(graphName, EncoderOutput);
    }

    /// <summary>g(z) of an autoencoder in data space: the decoder's output, through a sigmoid for <see cref="Likelihood.Bernoulli"/>.</summary>
    public static OnnxGraph Decoder(AutoencoderParams p, Likelihood likelihood, string graphName = "autoencoder_decoder")
    {
        ArgumentNullException.ThrowIfNull(p);
        return Decoding(p.Decoder, likelihood, graphName);
    }

    /// <summary>mu(x), the mean of the VAE's posterior q(z | x): the trunk (if any), then the mean head.</summary>
    public static OnnxGraph Encoder(VaeParams p, string graphName = "vae_encoder")
    {
        ArgumentNullException.ThrowIfNull(p);
        var inputDim = p.Encoder.Layers.IsEmpty ? p.Mean.InputDim : p.Encoder.InputDim;
        var builder = new OnnxGraphBuilder(new OnnxValue(EncoderInput, inputDim));
        if (!p.Encoder.Layers.IsEmpty) builder.Mlp("encoder", p.Encoder);
        return builder.Dense("mean", p.Mean).Build(graphName, EncoderOutput);
    }

    /// <summary>E[x | z] of the VAE's decoder: sigmoid(logits) for <see cref="Likelihood.Bernoulli"/>, the mean for Gaussian.</summary>
    public static OnnxGraph Decoder(VaeParams p, Likelihood likelihood, string graphName = "vae_decoder")
    {
        ArgumentNullException.ThrowIfNull(p);
        return Decoding(p.Decoder, likelihood, graphName);
    }

    /// <summary>h = f(x), the contrastive encoder's representation (before the projection head).</summary>
    public static OnnxGraph Encoder(ContrastiveParams p, string graphName = "contrastive_encoder")
    {
        ArgumentNullException.ThrowIfNull(p);
        return new OnnxGraphBuilder(new OnnxValue(EncoderInput, p.Encoder.InputDim)).Mlp("encoder", p.Encoder).Build(graphName, EncoderOutput);
    }

    private static OnnxGraph Decoding(Nn.Mlp decoder, Likelihood likelihood, string graphName)
    {
        var builder = new OnnxGraphBuilder(new OnnxValue(DecoderInput, decoder.InputDim)).Mlp("decoder", decoder);
        var mean = likelihood switch
        {
            Likelihood.Bernoulli => Nn.Activation.Sigmoid,
            Likelihood.Gaussian => Nn.Activation.Identity,
            _ => throw new ArgumentOutOfRangeException(nameof(likelihood), likelihood, "likelihood must be Bernoulli or Gaussian"),
        };
        return builder.Activation("decoder.mean", mean).Build(graphName, DecoderOutput);
    }
}
