namespace RepLearn;

/// <summary>Encoding a tensor built straight from a span (<see cref="RepresentationModelSpans"/>).</summary>
internal sealed partial class ModelEngine<TConfig, TParams> : ITensorEncoder
{
    /// <inheritdoc />
    public int InputWidth => Kind.InputDim(Config);

    /// <inheritdoc />
    public bool NeedsUnitInterval => Kind.UnitInterval(Config);

    /// <inheritdoc />
    public double[][] EncodeTensor(Tensor x) => Chunked.MapRows(InDType(x), b => Kind.Encode(Parameters, Config, b));
}
