namespace RepLearn;

/// <summary>
/// The facade over any <see cref="ModelKind{TConfig, TParams}"/> that has no class of its own: what
/// <see cref="Models.Load"/> returns for such a kind. Every member is one call into the engine.
/// </summary>
internal sealed class RegisteredModel<TConfig, TParams>(ModelEngine<TConfig, TParams> engine) : IRepresentationModel, IDensityEstimate, IOnnxSource, ITensorEncoder
    where TParams : ITree<TParams> where TConfig : class
{
    public string Kind => engine.Kind.Name;

    public Functional.Export.OnnxGraph? OnnxGraph(OnnxPart part, string name) => engine.OnnxGraph(part, name);

    public int InputWidth => engine.InputWidth;

    public bool NeedsUnitInterval => engine.NeedsUnitInterval;

    public double[][] EncodeTensor(Functional.Tensors.Tensor x) => engine.EncodeTensor(x);
    public int InputDim => engine.Kind.InputDim(engine.Config);
    public int RepresentationDim => engine.Kind.RepresentationDim(engine.Config);
    public int EpochsCompleted => engine.EpochsCompleted;
    public long Seed => engine.Seed;

    public TrainReport Fit(double[][] train, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        engine.Fit(train, null, options, progress, cancellationToken);

    public TrainReport Fit(double[][] train, double[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        engine.Fit(train, test, options, progress, cancellationToken);

    public double[][] Encode(double[][] x) => engine.Encode(x);
    public double Loss(double[][] x) => engine.Loss(engine.Rows(x, nameof(x)));
    public void Save(string path, bool overwrite = false) => engine.Save(path, overwrite);

    public bool HasLogMarginal => engine.Kind.HasLogMarginal;

    public double[] LogMarginal(double[][] x, int samples, Functional.Keys.Key key) =>
        engine.Kind.LogMarginal is { } f ? f(engine.Parameters, engine.Config, engine.Rows(x, nameof(x)), key, samples).ToArray()
            : throw new ArgumentException($"a '{Kind}' model has no density to estimate log p(x) of", "model");
}
