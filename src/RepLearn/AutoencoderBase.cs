namespace RepLearn;

/// <summary>
/// What <see cref="Autoencoder"/> and <see cref="DenoisingAutoencoder"/> share: an MLP encoder f and decoder g
/// over the same core model, differing only in how the input is corrupted during training.
/// </summary>
public abstract partial class AutoencoderBase : IReconstructingModel
{
    private protected ModelEngine<AutoencoderConfig, AutoencoderParams> Model { get; private set; }

    /// <summary>The encoder and decoder graphs for ONNX export.</summary>
    internal IOnnxSource Onnx => Model;

    /// <summary>Encoding of tensors built from spans (<see cref="RepresentationModelSpans"/>).</summary>
    internal ITensorEncoder TensorEncoder => Model;

    /// <summary>Element type of the parameters and training arithmetic.</summary>
    public DType DType => Model.DType.ToFacade();

    private protected AutoencoderBase(ModelEngine<AutoencoderConfig, AutoencoderParams> model) => Model = model;

    /// <inheritdoc />
    public abstract string Kind { get; }

    /// <inheritdoc />
    public int InputDim => Model.Config.InputDim;

    /// <summary>The code (bottleneck) width.</summary>
    public int LatentDim => Model.Config.LatentDim;

    /// <inheritdoc />
    public int RepresentationDim => LatentDim;

    /// <summary>The reconstruction loss: squared error (Gaussian) or cross-entropy on logits (Bernoulli).</summary>
    public Likelihood Likelihood => Model.Config.Likelihood.ToFacade();

    /// <inheritdoc />
    public int EpochsCompleted => Model.EpochsCompleted;

    /// <inheritdoc />
    public long Seed => Model.Seed;

    /// <summary>Trains on <paramref name="train"/>.</summary>
    public TrainReport Fit(double[][] train, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Model.Fit(train, null, options, progress, cancellationToken, Snapshot);

    /// <inheritdoc />
    public TrainReport Fit(double[][] train, double[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Model.Fit(train, test, options, progress, cancellationToken, Snapshot);

    /// <summary>The codes z = f(x) of the given inputs.</summary>
    public double[][] Encode(double[][] x) => Model.Encode(x);

    /// <inheritdoc />
    public double[][] Decode(double[][] z) => AutoencoderModel.Decode(Model, z);

    /// <summary>r(x) = g(f(x)) in data space (through a sigmoid for a Bernoulli decoder).</summary>
    public double[][] Reconstruct(double[][] x) => AutoencoderModel.Reconstruct(Model, x);

    /// <summary>The training objective's mean per sample (for a DAE, with noise from a fixed evaluation key).</summary>
    public double Loss(double[][] x) => Model.Loss(Model.Rows(x, nameof(x)));

    /// <inheritdoc />
    public void Save(string path, bool overwrite = false) => Model.Save(path, overwrite);
}
