using RepLearn.Functional.Latent;
using RepLearn.Functional.Models;
using RepLearn.Functional.Tensors;
using Core = RepLearn.Functional.Models.Autoencoder;

namespace RepLearn;

internal sealed partial class AutoencoderModel
{
    /// <summary>The code f(x) of one row.</summary>
    public double[] EncodeRow(double[] x, string name)
    {
        Validate.NotNull(x, name);
        return Core.Encode(Engine.Parameters, Rows([x], name)).ToArray();
    }

    /// <summary>g(z) in data space for the rows of <paramref name="z"/> (through a sigmoid for a Bernoulli decoder).</summary>
    public double[][] DecodeCodes(Tensor z) => ModelEngine<AutoencoderParams>.MapRows(z, b =>
    {
        var output = Core.Decode(Engine.Parameters, b);
        return Config.Likelihood == Functional.Models.Likelihood.Bernoulli ? Functional.Autodiff.Ops.Sigmoid(output) : output;
    });

    /// <summary>The per-row reconstruction error of the clean rows.</summary>
    public double[] ReconstructionErrors(double[][] x)
    {
        var p = Engine.Parameters;
        return RowScores.PerRow(Rows(x, nameof(x)), Engine.EvalKey, (b, _) => RowScores.AutoencoderReconstructionError(p, Config, b));
    }
}
