namespace RepLearn;

/// <summary>Which half of a model <see cref="OnnxExport.ExportOnnx"/> writes.</summary>
public enum OnnxPart
{
    /// <summary>x -> representation, as <see cref="IRepresentationModel.Encode"/> (the code, the VAE's posterior mean, the contrastive encoder's h).</summary>
    Encoder,
    /// <summary>z -> reconstruction mean in data space, as <see cref="IReconstructingModel.Decode"/> (sigmoid of the logits for Bernoulli).</summary>
    Decoder,
}
