using Core = RepLearn.Functional.Models.Vae;

namespace RepLearn;

/// <summary>
/// A variational autoencoder (Kingma and Welling 2014): Gaussian encoder q(z | x) = N(mu(x), diag sigma^2(x)),
/// prior N(0, I), Bernoulli (default) or Gaussian decoder, trained on the beta-weighted negative ELBO
/// -E_q[log p(x | z)] + beta KL(q || p). With hiddenDims [400] and latentDim 20 this is PyTorch's examples/vae.
/// </summary>
/// <example><code>
/// var vae = new Vae(inputDim: 784, latentDim: 20, hiddenDims: [400], seed: 1);
/// TrainReport report = vae.Fit(train, new TrainOptions { Epochs = 10, BatchSize = 128, LearningRate = 1e-3 });
/// double nelbo = vae.NegativeElbo(test);
/// </code></example>
public sealed partial class Vae : IReconstructingModel
{
    private readonly ModelEngine<VaeConfig, VaeParams> engine;

    /// <summary>The model's configuration.</summary>
    internal VaeConfig Config => engine.Config;

    /// <summary>The core parameters, for ONNX export (<see cref="OnnxExport"/>).</summary>
    internal VaeParams CoreParameters => engine.Parameters;

    /// <summary>The encoder and decoder graphs for ONNX export.</summary>
    internal IOnnxSource Onnx => engine;

    /// <summary>Encoding of tensors built from spans (<see cref="RepresentationModelSpans"/>).</summary>
    internal ITensorEncoder TensorEncoder => engine;

    /// <summary>A new VAE with parameters drawn from <paramref name="seed"/> (PyTorch's nn.Linear initialisation).</summary>
    /// <param name="inputDim">Data width n (&gt;= 1).</param>
    /// <param name="latentDim">Code width d (&gt;= 1).</param>
    /// <param name="hiddenDims">Encoder hidden widths (the decoder mirrors them); default [400].</param>
    /// <param name="seed">Seeds initialisation, shuffling and sampling.</param>
    /// <param name="beta">KL weight (&gt;= 0); 1 is the VAE, &gt; 1 a beta-VAE.</param>
    /// <param name="likelihood">Decoder p(x | z).</param>
    /// <param name="activation">Nonlinearity between hidden layers.</param>
    /// <param name="memoryBudget">Bytes the model and its training may take; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory.</param>
    /// <param name="dtype">Element type of the parameters and training arithmetic (<see cref="RepLearn.DType"/>); Float64 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A width &lt; 1, beta out of range, or an undefined enum value.</exception>
    /// <exception cref="ArgumentException">The model needs more memory to train than the budget (ParamName hiddenDims, latentDim or inputDim).</exception>
    public Vae(int inputDim, int latentDim, int[]? hiddenDims = null, long seed = 0, double beta = 1.0, Likelihood likelihood = Likelihood.Bernoulli,
        Activation activation = Activation.Relu, long? memoryBudget = null, DType dtype = DType.Float64)
        : this(Engine(MakeConfig(inputDim, latentDim, hiddenDims ?? [400], beta, likelihood, activation), seed, Budgets.Resolve(memoryBudget), dtype.ToCore())) { }

    internal Vae(ModelEngine<VaeConfig, VaeParams> engine) => this.engine = engine;

    /// <summary>The engine (for facade helpers that build tensors in the model's dtype).</summary>
    internal ModelEngine<VaeConfig, VaeParams> EngineState => engine;

    /// <summary>Element type of the parameters and training arithmetic.</summary>
    public DType DType => engine.DType.ToFacade();

    /// <summary>A fresh model of a validated configuration; refused when over the budget (ParamName hiddenDims, latentDim or inputDim).</summary>
    internal static ModelEngine<VaeConfig, VaeParams> Engine(VaeConfig c, long seed, MemoryBudget budget, Functional.Tensors.DType dtype = Functional.Tensors.DType.Float64)
    {
        LatentModelArguments.RequireBudget(budget, c.InputDim, c.LatentDim, c.HiddenDims, (h, l, i) =>
            Core.ParameterCount(c with { HiddenDims = h is null ? c.HiddenDims : [.. h], LatentDim = l ?? c.LatentDim, InputDim = i ?? c.InputDim }));
        return new(ModelKinds.VaeKind, c, seed, budget, dtype);
    }

    private static VaeConfig MakeConfig(int inputDim, int latentDim, int[] hiddenDims, double beta, Likelihood likelihood, Activation activation)
    {
        LatentModelArguments.Require(inputDim, latentDim, hiddenDims, likelihood, activation);
        Check.NonNegative(beta, nameof(beta));
        return new VaeConfig(inputDim, latentDim, [.. hiddenDims], activation.ToCore(), likelihood.ToCore(), beta);
    }

    /// <summary>Data width.</summary>
    public int InputDim => Config.InputDim;

    /// <summary>Code width.</summary>
    public int LatentDim => Config.LatentDim;

    /// <summary>The decoder's observation model.</summary>
    public Likelihood Likelihood => Config.Likelihood.ToFacade();

    /// <inheritdoc />
    public string Kind => engine.Kind.Name;

    /// <inheritdoc />
    public int RepresentationDim => LatentDim;

    /// <inheritdoc />
    public double Loss(double[][] x) => NegativeElbo(x);

    /// <summary>Epochs trained so far (including those before a save and load).</summary>
    public int EpochsCompleted => engine.EpochsCompleted;

    /// <inheritdoc />
    public long Seed => engine.Seed;

    /// <summary>Trains on <paramref name="train"/> (rows of width InputDim; in [0, 1] for a Bernoulli decoder).</summary>
    public TrainReport Fit(double[][] train, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        engine.Fit(train, null, options, progress, cancellationToken, e => new Vae(e));

    /// <summary>Trains and reports the negative ELBO on <paramref name="test"/> after each epoch.</summary>
    public TrainReport Fit(double[][] train, double[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default) =>
        engine.Fit(train, test, options, progress, cancellationToken, e => new Vae(e));

    /// <summary>Posterior means E_q[z | x], one row per input.</summary>
    public double[][] Encode(double[][] x) => engine.Encode(x);

    /// <summary>Posterior log-variances log sigma^2(x).</summary>
    public double[][] EncodeLogVariance(double[][] x) => Chunked.MapRows(engine.Rows(x, nameof(x)), b => Core.Encode(engine.Parameters, b).LogVar);

    /// <summary>Decoder means (Bernoulli: sigmoid of the logits) for codes z.</summary>
    public double[][] Decode(double[][] z) =>
        Chunked.MapRows(engine.InDType(Data.Rows(z, nameof(z), LatentDim, unitInterval: false)), b =>
        {
            var output = Core.Decode(engine.Parameters, b);
            return Config.Likelihood == Functional.Models.Likelihood.Bernoulli ? Ops.Sigmoid(output) : output;
        });

    /// <summary>Reconstructions decoded from the posterior means.</summary>
    public double[][] Reconstruct(double[][] x) => Chunked.MapRows(engine.Rows(x, nameof(x)), b => Core.Reconstruct(engine.Parameters, Config, b));

    /// <summary>Mean negative ELBO per sample in nats, with one reparameterised sample per input (from the evaluation key, fresh for every row).</summary>
    public double NegativeElbo(double[][] x) => engine.Loss(engine.Rows(x, nameof(x)));

    /// <summary>Mean KL(q(z_j | x) || N(0, 1)) per latent dimension over <paramref name="x"/>, in nats.</summary>
    public double[] KlPerDimension(double[][] x) => Core.KlPerDimension(engine.Parameters, engine.Rows(x, nameof(x)));

    /// <summary>Latent dimensions whose posterior mean varies across <paramref name="x"/> (variance &gt; 0.01; Burda et al. 2016).</summary>
    public int ActiveUnits(double[][] x) => Core.ActiveUnits(engine.Parameters, engine.Rows(x, nameof(x)));

    /// <summary>Saves parameters, optimizer state and hyperparameters (safetensors, written atomically).</summary>
    public void Save(string path, bool overwrite = false) => engine.Save(path, overwrite);

    /// <summary>
    /// Loads a VAE checkpoint; a corrupt file, or one whose model needs more memory to train than
    /// <paramref name="memoryBudget"/> (null: the default budget), throws <see cref="InvalidDataException"/> naming the failed check.
    /// </summary>
    public static Vae Load(string path, long? memoryBudget = null) =>
        new(ModelEngine<VaeConfig, VaeParams>.Load(ModelKinds.VaeKind, path, Budgets.Resolve(memoryBudget)));
}
