using System.Globalization;
using RepLearn.Functional.Models;
using RepLearn.Functional.Resources;
using RepLearn.Functional.Tensors;
using Core = RepLearn.Functional.Models.Autoencoder;

namespace RepLearn;

/// <summary>The state and operations shared by <see cref="Autoencoder"/> and <see cref="DenoisingAutoencoder"/>.</summary>
internal sealed partial class AutoencoderModel
{
    public AutoencoderConfig Config { get; }
    public ModelEngine<AutoencoderParams> Engine { get; }

    /// <summary>The memory budget this model was built or loaded under; Fit checks its batches against it.</summary>
    public MemoryBudget Budget { get; }

    /// <summary>A fresh model; refused (ArgumentException naming inputDim, latentDim or hiddenDims) when it does not fit <paramref name="budget"/>.</summary>
    public AutoencoderModel(string kind, AutoencoderConfig config, long seed, MemoryBudget budget)
    {
        RequireBudget(config, budget);
        Config = config;
        Budget = budget;
        Engine = new ModelEngine<AutoencoderParams>(kind, seed, Core.Init(ModelEngine<AutoencoderParams>.InitKey(seed), config));
    }

    private AutoencoderModel(AutoencoderConfig config, ModelEngine<AutoencoderParams> engine, MemoryBudget budget)
    {
        Config = config;
        Engine = engine;
        Budget = budget;
    }

    private static void RequireBudget(AutoencoderConfig c, MemoryBudget budget) => Budgets.RequireModel(budget, Core.ParameterCount(c),
        new("hiddenDims", Budgets.Show(c.HiddenDims), Core.ParameterCount(c with { HiddenDims = [.. Budgets.Ones(c.HiddenDims)] })),
        new("latentDim", c.LatentDim.ToString(CultureInfo.InvariantCulture), Core.ParameterCount(c with { LatentDim = 1 })),
        new("inputDim", c.InputDim.ToString(CultureInfo.InvariantCulture), Core.ParameterCount(c with { InputDim = 1 })));

    public static AutoencoderConfig MakeConfig(int inputDim, int latentDim, int[] hiddenDims, Likelihood likelihood, Corruption corruption, Activation activation)
    {
        Validate.Defined(likelihood, nameof(likelihood));
        Validate.Defined(activation, nameof(activation));
        if (inputDim < 1) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, $"inputDim must be >= 1, got {inputDim}");
        if (latentDim < 1) throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, $"latentDim must be >= 1, got {latentDim}");
        foreach (var h in hiddenDims)
            if (h < 1) throw new ArgumentOutOfRangeException(nameof(hiddenDims), h, $"every hidden width must be >= 1, got {h}");
        return new AutoencoderConfig(inputDim, latentDim, [.. hiddenDims], activation.ToCore(), likelihood.ToCore(), corruption);
    }

    public Tensor Rows(double[][] x, string name) => Data.Rows(x, name, Config.InputDim, Config.Likelihood == Functional.Models.Likelihood.Bernoulli);

    public TrainReport Fit(double[][] train, double[][]? test, TrainOptions options, IProgress<TrainProgress>? progress, CancellationToken ct,
        Func<AutoencoderModel, IRepresentationModel>? snapshot = null)
    {
        Validate.NotNull(options, nameof(options));
        options.Validate();
        var x = Rows(train, nameof(train));
        var t = test is null ? null : Rows(test, nameof(test));
        Budgets.RequireBatch(Budget, options, x.Rows, Core.ParameterCount(Config), batch => Core.ActivationBytes(Config, batch));
        return Engine.Fit(x, t, options, Core.Loss(Config), TestLoss, progress, ct, snapshot is null ? null : e => snapshot(new AutoencoderModel(Config, e, Budget)));
    }

    /// <summary>Mean per-sample loss, corrupted for a DAE with noise from the evaluation key (fresh for every row).</summary>
    public double TestLoss(AutoencoderParams p, Tensor x) =>
        ModelEngine<AutoencoderParams>.MeanPerSample(x, Engine.EvalKey, (b, key) => Core.PerSampleLoss(p, Config, b, key));

    public double[][] Encode(double[][] x) => ModelEngine<AutoencoderParams>.MapRows(Rows(x, nameof(x)), b => Core.Encode(Engine.Parameters, b));

    public double[][] Reconstruct(double[][] x) => ModelEngine<AutoencoderParams>.MapRows(Rows(x, nameof(x)), b => Core.Reconstruct(Engine.Parameters, Config, b));

    public double[][] Decode(double[][] z)
    {
        var codes = Data.Rows(z, nameof(z), Config.LatentDim, unitInterval: false);
        return ModelEngine<AutoencoderParams>.MapRows(codes, b =>
        {
            var output = Core.Decode(Engine.Parameters, b);
            return Config.Likelihood == Functional.Models.Likelihood.Bernoulli ? Functional.Autodiff.Ops.Sigmoid(output) : output;
        });
    }

    public void Save(string path, bool overwrite) => Engine.Save(path, new Dictionary<string, string>
    {
        ["input_dim"] = Config.InputDim.ToString(CultureInfo.InvariantCulture),
        ["latent_dim"] = Config.LatentDim.ToString(CultureInfo.InvariantCulture),
        ["hidden_dims"] = Hyperparameters.Format(Config.HiddenDims),
        ["activation"] = Hyperparameters.Format(Config.Activation),
        ["likelihood"] = Hyperparameters.Format(Config.Likelihood),
        ["corruption"] = Hyperparameters.Format(Config.Noise.Kind),
        ["corruption_amount"] = Hyperparameters.Format(Config.Noise.Amount),
    }, overwrite);

    public static AutoencoderModel Load(string path, string kind, MemoryBudget budget)
    {
        AutoencoderConfig? config = null;
        var (engine, _) = ModelEngine<AutoencoderParams>.Load(path, kind, budget, h =>
        {
            var noise = h.Enum<CorruptionKind>("corruption") switch
            {
                CorruptionKind.Gaussian => Corruption.Gaussian(h.Double("corruption_amount")),
                CorruptionKind.Masking => Corruption.Masking(h.Double("corruption_amount")),
                _ => Corruption.None,
            };
            config = new AutoencoderConfig(h.Int("input_dim"), h.Int("latent_dim"), h.Ints("hidden_dims"),
                h.Enum<Functional.Nn.Activation>("activation"), h.Enum<Functional.Models.Likelihood>("likelihood"), noise).Validated();
            return (Core.ParameterCount(config), () => Core.Init(ModelEngine<AutoencoderParams>.InitKey(0), config));
        });
        return new AutoencoderModel(config!, engine, budget);
    }
}
