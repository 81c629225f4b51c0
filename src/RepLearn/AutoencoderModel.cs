using Core = RepLearn.Functional.Models.Autoencoder;

namespace RepLearn;

/// <summary>The facade's side of <see cref="Autoencoder"/> and <see cref="DenoisingAutoencoder"/>: checks, budget, decoding.</summary>
internal static partial class AutoencoderModel
{
    /// <summary>A fresh model; refused (ArgumentException naming inputDim, latentDim or hiddenDims) when it does not fit <paramref name="budget"/>.</summary>
    public static ModelEngine<AutoencoderConfig, AutoencoderParams> Create(ModelKind<AutoencoderConfig, AutoencoderParams> kind, AutoencoderConfig c, long seed, MemoryBudget budget,
        Functional.Tensors.DType dtype = Functional.Tensors.DType.Float64)
    {
        LatentModelArguments.RequireBudget(budget, c.InputDim, c.LatentDim, c.HiddenDims, (h, l, i) =>
            Core.ParameterCount(c with { HiddenDims = h is null ? c.HiddenDims : [.. h], LatentDim = l ?? c.LatentDim, InputDim = i ?? c.InputDim }));
        return new(kind, c, seed, budget, dtype);
    }

    public static AutoencoderConfig MakeConfig(int inputDim, int latentDim, int[] hiddenDims, Likelihood likelihood, Corruption corruption, Activation activation)
    {
        LatentModelArguments.Require(inputDim, latentDim, hiddenDims, likelihood, activation);
        return new AutoencoderConfig(inputDim, latentDim, [.. hiddenDims], activation.ToCore(), likelihood.ToCore(), corruption);
    }

    public static double[][] Reconstruct(ModelEngine<AutoencoderConfig, AutoencoderParams> m, double[][] x) =>
        Chunked.MapRows(m.Rows(x, nameof(x)), b => Core.Reconstruct(m.Parameters, m.Config, b));

    public static double[][] Decode(ModelEngine<AutoencoderConfig, AutoencoderParams> m, double[][] z) =>
        Chunked.MapRows(m.InDType(Data.Rows(z, nameof(z), m.Config.LatentDim, unitInterval: false)), b =>
        {
            var output = Core.Decode(m.Parameters, b);
            return m.Config.Likelihood == Functional.Models.Likelihood.Bernoulli ? Ops.Sigmoid(output) : output;
        });
}
