using System.Collections.Immutable;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Models;
using RepLearn.Functional.Resources;
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
    internal const string KindName = "vae";
    private readonly ModelEngine<VaeParams> engine;

    /// <summary>The model's configuration.</summary>
    internal VaeConfig Config { get; }

    /// <summary>The memory budget the model was built or loaded under; Fit checks its batches against it.</summary>
    private readonly MemoryBudget budget;

    /// <summary>A new VAE with parameters drawn from <paramref name="seed"/> (PyTorch's nn.Linear initialisation).</summary>
    /// <param name="inputDim">Data width n (&gt;= 1).</param>
    /// <param name="latentDim">Code width d (&gt;= 1).</param>
    /// <param name="hiddenDims">Encoder hidden widths (the decoder mirrors them); default [400].</param>
    /// <param name="seed">Seeds initialisation, shuffling and sampling.</param>
    /// <param name="beta">KL weight (&gt;= 0); 1 is the VAE, &gt; 1 a beta-VAE.</param>
    /// <param name="likelihood">Decoder p(x | z).</param>
    /// <param name="activation">Nonlinearity between hidden layers.</param>
    /// <param name="memoryBudget">Bytes the model and its training may take; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory.</param>
    /// <exception cref="ArgumentOutOfRangeException">A width &lt; 1, beta out of range, or an undefined enum value.</exception>
    /// <exception cref="ArgumentException">The model needs more memory to train than the budget (ParamName hiddenDims, latentDim or inputDim).</exception>
    public Vae(int inputDim, int latentDim, int[]? hiddenDims = null, long seed = 0, double beta = 1.0, Likelihood likelihood = Likelihood.Bernoulli,
        Activation activation = Activation.Relu, long? memoryBudget = null)
        : this(MakeConfig(inputDim, latentDim, hiddenDims ?? [400], beta, likelihood, activation), seed, Budgets.Resolve(memoryBudget)) { }

    private Vae(VaeConfig config, long seed, MemoryBudget budget)
    {
        Budgets.RequireModel(budget, Core.ParameterCount(config),
            new("hiddenDims", Budgets.Show(config.HiddenDims), Core.ParameterCount(config with { HiddenDims = [.. Budgets.Ones(config.HiddenDims)] })),
            new("latentDim", config.LatentDim.ToString(System.Globalization.CultureInfo.InvariantCulture), Core.ParameterCount(config with { LatentDim = 1 })),
            new("inputDim", config.InputDim.ToString(System.Globalization.CultureInfo.InvariantCulture), Core.ParameterCount(config with { InputDim = 1 })));
        Config = config;
        this.budget = budget;
        engine = new ModelEngine<VaeParams>(KindName, seed, Core.Init(ModelEngine<VaeParams>.InitKey(seed), config));
    }

    private Vae(VaeConfig config, ModelEngine<VaeParams> engine, MemoryBudget budget)
    {
        Config = config;
        this.engine = engine;
        this.budget = budget;
    }

    private static VaeConfig MakeConfig(int inputDim, int latentDim, int[] hiddenDims, double beta, Likelihood likelihood, Activation activation)
    {
        Validate.Defined(likelihood, nameof(likelihood));
        Validate.Defined(activation, nameof(activation));
        if (inputDim < 1) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, $"inputDim must be >= 1, got {inputDim}");
        if (latentDim < 1) throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, $"latentDim must be >= 1, got {latentDim}");
        foreach (var h in hiddenDims)
            if (h < 1) throw new ArgumentOutOfRangeException(nameof(hiddenDims), h, $"every hidden width must be >= 1, got {h}");
        if (!(beta >= 0) || !double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, $"beta must be finite and >= 0, got {Validate.Show(beta)}");
        return new VaeConfig(inputDim, latentDim, [.. hiddenDims], activation.ToCore(), likelihood.ToCore(), beta);
    }

    /// <summary>Data width.</summary>
    public int InputDim => Config.InputDim;

    /// <summary>Code width.</summary>
    public int LatentDim => Config.LatentDim;

    /// <summary>The decoder's observation model.</summary>
    public Likelihood Likelihood => Config.Likelihood.ToFacade();

    /// <inheritdoc />
    public string Kind => KindName;

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
        Fit(train, null, options, progress, cancellationToken);

    /// <summary>Trains and reports the negative ELBO on <paramref name="test"/> after each epoch.</summary>
    public TrainReport Fit(double[][] train, double[][]? test, TrainOptions options, IProgress<TrainProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate.NotNull(options, nameof(options));
        options.Validate();
        var x = Rows(train, nameof(train));
        var t = test is null ? null : Rows(test, nameof(test));
        Budgets.RequireBatch(budget, options, x.Rows, Core.ParameterCount(Config), batch => Core.ActivationBytes(Config, batch));
        return engine.Fit(x, t, options, Core.Loss(Config), (p, data) => Nelbo(p, data), progress, cancellationToken, e => new Vae(Config, e, budget));
    }

    /// <summary>Posterior means E_q[z | x], one row per input.</summary>
    public double[][] Encode(double[][] x) => ModelEngine<VaeParams>.MapRows(Rows(x, nameof(x)), b => Core.Encode(engine.Parameters, b).Mean);

    /// <summary>Posterior log-variances log sigma^2(x).</summary>
    public double[][] EncodeLogVariance(double[][] x) => ModelEngine<VaeParams>.MapRows(Rows(x, nameof(x)), b => Core.Encode(engine.Parameters, b).LogVar);

    /// <summary>Decoder means (Bernoulli: sigmoid of the logits) for codes z.</summary>
    public double[][] Decode(double[][] z)
    {
        var codes = Data.Rows(z, nameof(z), LatentDim, unitInterval: false);
        return ModelEngine<VaeParams>.MapRows(codes, b =>
        {
            var output = Core.Decode(engine.Parameters, b);
            return Config.Likelihood == Functional.Models.Likelihood.Bernoulli ? Ops.Sigmoid(output) : output;
        });
    }

    /// <summary>Reconstructions decoded from the posterior means.</summary>
    public double[][] Reconstruct(double[][] x) => ModelEngine<VaeParams>.MapRows(Rows(x, nameof(x)), b => Core.Reconstruct(engine.Parameters, Config, b));

    /// <summary>Mean negative ELBO per sample in nats, with one reparameterised sample per input (from the evaluation key, fresh for every row).</summary>
    public double NegativeElbo(double[][] x) => Nelbo(engine.Parameters, Rows(x, nameof(x)));

    /// <summary>Mean KL(q(z_j | x) || N(0, 1)) per latent dimension over <paramref name="x"/>, in nats.</summary>
    public double[] KlPerDimension(double[][] x) => Core.KlPerDimension(engine.Parameters, Rows(x, nameof(x)));

    /// <summary>Latent dimensions whose posterior mean varies across <paramref name="x"/> (variance &gt; 0.01; Burda et al. 2016).</summary>
    public int ActiveUnits(double[][] x) => Core.ActiveUnits(engine.Parameters, Rows(x, nameof(x)));

    /// <summary>Saves parameters, optimizer state and hyperparameters (safetensors, written atomically).</summary>
    public void Save(string path, bool overwrite = false) => engine.Save(path, Hyper(), overwrite);

    /// <summary>
    /// Loads a VAE checkpoint; a corrupt file, or one whose model needs more memory to train than
    /// <paramref name="memoryBudget"/> (null: the default budget), throws <see cref="InvalidDataException"/> naming the failed check.
    /// </summary>
    public static Vae Load(string path, long? memoryBudget = null)
    {
        VaeConfig? config = null;
        var budget = Budgets.Resolve(memoryBudget);
        var (engine, _) = ModelEngine<VaeParams>.Load(path, KindName, budget, h =>
        {
            config = new VaeConfig(h.Int("input_dim"), h.Int("latent_dim"), h.Ints("hidden_dims"), h.Enum<Functional.Nn.Activation>("activation"),
                h.Enum<Functional.Models.Likelihood>("likelihood"), h.Double("beta"), h.Double("decoder_log_var")).Validated();
            return (Core.ParameterCount(config), () => Core.Init(ModelEngine<VaeParams>.InitKey(0), config));
        });
        return new Vae(config!, engine, budget);
    }

    private Dictionary<string, string> Hyper() => new()
    {
        ["input_dim"] = Config.InputDim.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["latent_dim"] = Config.LatentDim.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["hidden_dims"] = Hyperparameters.Format(Config.HiddenDims),
        ["activation"] = Hyperparameters.Format(Config.Activation),
        ["likelihood"] = Hyperparameters.Format(Config.Likelihood),
        ["beta"] = Hyperparameters.Format(Config.Beta),
        ["decoder_log_var"] = Hyperparameters.Format(Config.DecoderLogVar),
    };

    private double Nelbo(VaeParams p, Functional.Tensors.Tensor x) =>
        ModelEngine<VaeParams>.MeanPerSample(x, engine.EvalKey, (b, key) => Core.Terms(p, Config, b, key).NegativeElbo);

    private Functional.Tensors.Tensor Rows(double[][] x, string name) =>
        Data.Rows(x, name, InputDim, Config.Likelihood == Functional.Models.Likelihood.Bernoulli);
}
