using RepLearn.Functional.Models;

namespace RepLearn;

/// <summary>
/// An MLP autoencoder (Lecture 2): encoder f, decoder g, minimising E ||x - g(f(x))||^2 (Gaussian, the default)
/// or the Bernoulli cross-entropy of x under g's logits.
/// </summary>
/// <example><code>
/// var ae = new Autoencoder(inputDim: 784, latentDim: 32, hiddenDims: [256], seed: 1);
/// ae.Fit(train, new TrainOptions { Epochs = 5 });
/// double[][] codes = ae.Encode(test);
/// </code></example>
public sealed class Autoencoder : IReconstructingModel
{
    internal const string KindName = "ae";
    private readonly AutoencoderModel model;

    /// <summary>A new autoencoder with parameters drawn from <paramref name="seed"/>.</summary>
    /// <param name="inputDim">Data width n.</param>
    /// <param name="latentDim">Bottleneck width d.</param>
    /// <param name="hiddenDims">Encoder hidden widths (the decoder mirrors them); default [256].</param>
    /// <param name="seed">Seeds initialisation and shuffling.</param>
    /// <param name="likelihood">Gaussian: squared error; Bernoulli: cross-entropy on logits.</param>
    public Autoencoder(int inputDim, int latentDim, int[]? hiddenDims = null, long seed = 0, Likelihood likelihood = Likelihood.Gaussian) =>
        model = new AutoencoderModel(KindName, AutoencoderModel.MakeConfig(inputDim, latentDim, hiddenDims ?? [256], likelihood, Corruption.None), seed);

    private Autoencoder(AutoencoderModel model) => this.model = model;

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public int InputDim => model.Config.InputDim;

    /// <summary>The bottleneck width.</summary>
    public int LatentDim => model.Config.LatentDim;

    /// <inheritdoc />
    public int RepresentationDim => LatentDim;

    /// <inheritdoc />
    public int EpochsCompleted => model.Engine.EpochsCompleted;

    /// <summary>Trains on <paramref name="train"/>.</summary>
    public TrainReport Fit(double[][] train, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        model.Fit(train, null, options, progress, cancellationToken);

    /// <inheritdoc />
    public TrainReport Fit(double[][] train, double[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        model.Fit(train, test, options, progress, cancellationToken);

    /// <summary>The codes z = f(x).</summary>
    public double[][] Encode(double[][] x) => model.Encode(x);

    /// <inheritdoc />
    public double[][] Decode(double[][] z) => model.Decode(z);

    /// <inheritdoc />
    public double[][] Reconstruct(double[][] x) => model.Reconstruct(x);

    /// <summary>Mean reconstruction loss per sample (squared error, or cross-entropy in nats).</summary>
    public double ReconstructionError(double[][] x) => model.TestLoss(model.Engine.Parameters, model.Rows(x, nameof(x)));

    /// <inheritdoc />
    public double Loss(double[][] x) => ReconstructionError(x);

    /// <inheritdoc />
    public void Save(string path, bool overwrite = false) => model.Save(path, overwrite);

    /// <summary>Loads an autoencoder checkpoint; a corrupt file throws <see cref="InvalidDataException"/>.</summary>
    public static Autoencoder Load(string path) => new(AutoencoderModel.Load(path, KindName));
}
