namespace RepLearn;

/// <summary>
/// A denoising autoencoder (Vincent et al. 2008; Lecture 2): minimises E ||x - g(f(x~))||^2 with x~ a corrupted x,
/// so that (r(x~) - x~) / sigma^2 estimates the score grad log p_sigma(x~) (Vincent 2011).
/// </summary>
/// <example><code>
/// var dae = new DenoisingAutoencoder(inputDim: 784, latentDim: 32, sigma: 0.3, seed: 1);
/// dae.Fit(train, new TrainOptions { Epochs = 5 });
/// </code></example>
public sealed class DenoisingAutoencoder : AutoencoderBase
{

    /// <summary>A new DAE with parameters drawn from <paramref name="seed"/>.</summary>
    /// <param name="inputDim">Data width n.</param>
    /// <param name="latentDim">Code width d.</param>
    /// <param name="sigma">Noise strength: the standard deviation for Gaussian noise (&gt; 0), the probability for masking (in (0, 1)).</param>
    /// <param name="hiddenDims">Encoder hidden widths; default [256].</param>
    /// <param name="seed">Seeds initialisation, shuffling and the noise.</param>
    /// <param name="noise">Gaussian (default) or masking corruption (the core's <see cref="CorruptionKind"/>; None is refused).</param>
    /// <param name="likelihood">Gaussian: squared error; Bernoulli: cross-entropy on logits.</param>
    /// <param name="activation">Nonlinearity between hidden layers.</param>
    /// <param name="memoryBudget">Bytes the model and its training may take; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory.</param>
    /// <param name="dtype">Element type of the parameters and training arithmetic (<see cref="RepLearn.DType"/>); Float64 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A width &lt; 1, sigma out of range, or an undefined enum value.</exception>
    /// <exception cref="ArgumentException">The model needs more memory to train than the budget (ParamName hiddenDims, latentDim or inputDim).</exception>
    public DenoisingAutoencoder(int inputDim, int latentDim, double sigma = 0.3, int[]? hiddenDims = null, long seed = 0,
        CorruptionKind noise = CorruptionKind.Gaussian, Likelihood likelihood = Likelihood.Gaussian, Activation activation = Activation.Relu, long? memoryBudget = null,
        DType dtype = DType.Float64)
        : base(AutoencoderModel.Create(ModelKinds.DaeKind, AutoencoderModel.MakeConfig(inputDim, latentDim, hiddenDims ?? [256], likelihood, MakeCorruption(sigma, noise), activation), seed,
            Budgets.Resolve(memoryBudget), dtype.ToCore())) { }

    internal DenoisingAutoencoder(ModelEngine<AutoencoderConfig, AutoencoderParams> model) : base(model) { }

    // The core's ranges (Corruption.Gaussian, Corruption.Masking), checked under this constructor's parameter name.
    private static Corruption MakeCorruption(double sigma, CorruptionKind noise) => Check.Defined(noise, nameof(noise)) switch
    {
        CorruptionKind.Gaussian => Corruption.Gaussian(Check.Positive(sigma, nameof(sigma))),
        CorruptionKind.Masking => Corruption.Masking(Check.MaskingProbability(sigma, nameof(sigma))),
        _ => throw new ArgumentOutOfRangeException(nameof(noise), noise, "a denoising autoencoder needs a corruption: noise = Gaussian or Masking (an Autoencoder has none)"),
    };

    /// <inheritdoc />
    public override string Kind => ModelKinds.DaeKind.Name;

    /// <summary>The noise strength (sigma, or the masking probability).</summary>
    public double Sigma => Model.Config.Noise.Amount;

    /// <summary>Mean denoising loss per sample, ||x - r(x~)||^2 with noise from a fixed evaluation key.</summary>
    public double DenoisingError(double[][] x) => Loss(x);

    /// <summary>
    /// Loads a DAE checkpoint; a corrupt file, or one whose model needs more memory to train than
    /// <paramref name="memoryBudget"/> (null: the default budget), throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static DenoisingAutoencoder Load(string path, long? memoryBudget = null) => new(ModelEngine<AutoencoderConfig, AutoencoderParams>.Load(ModelKinds.DaeKind, path, Budgets.Resolve(memoryBudget)));
}
