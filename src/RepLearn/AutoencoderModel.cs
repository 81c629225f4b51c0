using System.Globalization;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Evaluation;
using RepLearn.Functional.Models;
using RepLearn.Functional.Resources;
using RepLearn.Functional.Validation;
using Core = RepLearn.Functional.Models.Autoencoder;

namespace RepLearn;

/// <summary>The facade's side of <see cref="Autoencoder"/> and <see cref="DenoisingAutoencoder"/>: checks, budget, decoding.</summary>
internal static class AutoencoderModel
{
    /// <summary>A fresh model; refused (ArgumentException naming inputDim, latentDim or hiddenDims) when it does not fit <paramref name="budget"/>.</summary>
    public static ModelEngine<AutoencoderConfig, AutoencoderParams> Create(ModelKind<AutoencoderConfig, AutoencoderParams> kind, AutoencoderConfig c, long seed, MemoryBudget budget)
    {
        Budgets.RequireModel(budget, Core.ParameterCount(c),
            new("hiddenDims", Budgets.Show(c.HiddenDims), Core.ParameterCount(c with { HiddenDims = [.. Budgets.Ones(c.HiddenDims)] })),
            new("latentDim", c.LatentDim.ToString(CultureInfo.InvariantCulture), Core.ParameterCount(c with { LatentDim = 1 })),
            new("inputDim", c.InputDim.ToString(CultureInfo.InvariantCulture), Core.ParameterCount(c with { InputDim = 1 })));
        return new(kind, c, seed, budget);
    }

    public static AutoencoderConfig MakeConfig(int inputDim, int latentDim, int[] hiddenDims, Likelihood likelihood, Corruption corruption, Activation activation)
    {
        Check.Defined(likelihood, nameof(likelihood));
        Check.Defined(activation, nameof(activation));
        Check.AtLeast(inputDim, 1, nameof(inputDim));
        Check.AtLeast(latentDim, 1, nameof(latentDim));
        Check.Widths(hiddenDims, nameof(hiddenDims));
        return new AutoencoderConfig(inputDim, latentDim, [.. hiddenDims], activation.ToCore(), likelihood.ToCore(), corruption);
    }

    public static double[][] Reconstruct(ModelEngine<AutoencoderConfig, AutoencoderParams> m, double[][] x) =>
        Chunked.MapRows(m.Rows(x, nameof(x)), b => Core.Reconstruct(m.Parameters, m.Config, b));

    public static double[][] Decode(ModelEngine<AutoencoderConfig, AutoencoderParams> m, double[][] z) =>
        Chunked.MapRows(Data.Rows(z, nameof(z), m.Config.LatentDim, unitInterval: false), b =>
        {
            var output = Core.Decode(m.Parameters, b);
            return m.Config.Likelihood == Functional.Models.Likelihood.Bernoulli ? Ops.Sigmoid(output) : output;
        });
}
