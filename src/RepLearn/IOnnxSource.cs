namespace RepLearn;

/// <summary>A facade model whose encoder and decoder graphs come from its kind in the model table.</summary>
internal interface IOnnxSource
{
    /// <summary>The graph of <paramref name="part"/>, or null when the kind has no such part (a contrastive decoder).</summary>
    OnnxGraph? OnnxGraph(OnnxPart part, string name);
}
