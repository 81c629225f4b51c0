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
public sealed class Autoencoder : AutoencoderBase
{

    /// <summary>A new autoencoder with parameters drawn from <paramref name="seed"/>.</summary>
    /// <param name="inputDim">Data width n.</param>
    /// <param name="latentDim">Bottleneck width d.</param>
    /// <param name="hiddenDims">Encoder hidden widths (the decoder mirrors them); default [256].</param>
    /// <param name="seed">Seeds initialisation and shuffling.</param>
    /// <param name="likelihood">Gaussian: squared error; Bernoulli: cross-entropy on logits.</param>
    /// <param name="activation">Nonlinearity between hidden layers (Identity with no hidden layers: a linear autoencoder).</param>
    /// <param name="memoryBudget">Bytes the model and its training may take; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory.</param>
    /// <param name="dtype">Element type of the parameters and training arithmetic (<see cref="RepLearn.DType"/>); Float64 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">A width &lt; 1, or an undefined enum value.</exception>
    /// <exception cref="ArgumentException">The model needs more memory to train than the budget (ParamName hiddenDims, latentDim or inputDim).</exception>
    public Autoencoder(int inputDim, int latentDim, int[]? hiddenDims = null, long seed = 0, Likelihood likelihood = Likelihood.Gaussian,
        Activation activation = Activation.Relu, long? memoryBudget = null, DType dtype = DType.Float64)
        : base(AutoencoderModel.Create(ModelKinds.AeKind, AutoencoderModel.MakeConfig(inputDim, latentDim, hiddenDims ?? [256], likelihood, Corruption.None, activation), seed,
            Budgets.Resolve(memoryBudget), dtype.ToCore())) { }

    internal Autoencoder(ModelEngine<AutoencoderConfig, AutoencoderParams> model) : base(model) { }

    /// <inheritdoc />
    public override string Kind => ModelKinds.AeKind.Name;

    /// <summary>Mean reconstruction loss per sample (squared error, or cross-entropy in nats).</summary>
    public double ReconstructionError(double[][] x) => Loss(x);

    /// <summary>
    /// Loads an autoencoder checkpoint; a corrupt file, or one whose model needs more memory to train than
    /// <paramref name="memoryBudget"/> (null: the default budget), throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static Autoencoder Load(string path, long? memoryBudget = null) => new(ModelEngine<AutoencoderConfig, AutoencoderParams>.Load(ModelKinds.AeKind, path, Budgets.Resolve(memoryBudget)));
}
