namespace RepLearn;

/// <summary>
/// The arguments <see cref="Vae"/>, <see cref="Autoencoder"/> and <see cref="DenoisingAutoencoder"/> share (input width,
/// code width, hidden widths, likelihood, activation): checked once under the constructors' parameter names, and the
/// memory-budget refusal that names the one of them most responsible.
/// </summary>
internal static class LatentModelArguments
{
    /// <summary>Each argument through <see cref="Check"/>, under its constructor parameter name.</summary>
    public static void Require(int inputDim, int latentDim, int[] hiddenDims, Likelihood likelihood, Activation activation)
    {
        Check.Defined(likelihood, nameof(likelihood));
        Check.Defined(activation, nameof(activation));
        Check.AtLeast(inputDim, 1, nameof(inputDim));
        Check.AtLeast(latentDim, 1, nameof(latentDim));
        Check.Widths(hiddenDims, nameof(hiddenDims));
    }

    /// <summary>
    /// Refuses a model over <paramref name="budget"/>; <paramref name="count"/> gives the parameter count of the model with
    /// (hidden widths, latent width, input width) replaced, null meaning "as configured".
    /// </summary>
    public static void RequireBudget(MemoryBudget budget, int inputDim, int latentDim, IReadOnlyCollection<int> hiddenDims,
        Func<int[]?, int?, int?, long> count) =>
        Budgets.RequireModel(budget, count(null, null, null),
            new("hiddenDims", Budgets.Show(hiddenDims), count(Budgets.Ones(hiddenDims), null, null)),
            new("latentDim", latentDim.ToString(CultureInfo.InvariantCulture), count(null, 1, null)),
            new("inputDim", inputDim.ToString(CultureInfo.InvariantCulture), count(null, null, 1)));
}
