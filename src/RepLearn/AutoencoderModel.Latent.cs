using Core = RepLearn.Functional.Models.Autoencoder;

namespace RepLearn;

internal static partial class AutoencoderModel
{
    /// <summary>The code f(x) of one row.</summary>
    public static double[] EncodeRow(ModelEngine<AutoencoderConfig, AutoencoderParams> m, double[] x, string name)
    {
        Check.NotNull(x, name);
        return Core.Encode(m.Parameters, m.Rows([x], name)).ToArray();
    }

    /// <summary>g(z) in data space for the rows of <paramref name="z"/> (through a sigmoid for a Bernoulli decoder).</summary>
    public static double[][] DecodeCodes(ModelEngine<AutoencoderConfig, AutoencoderParams> m, Tensor z) => Chunked.MapRows(m.InDType(z), b =>
    {
        var output = Core.Decode(m.Parameters, b);
        return m.Config.Likelihood == Functional.Models.Likelihood.Bernoulli ? Functional.Autodiff.Ops.Sigmoid(output) : output;
    });

    /// <summary>The per-row reconstruction error of the clean rows.</summary>
    public static double[] ReconstructionErrors(ModelEngine<AutoencoderConfig, AutoencoderParams> m, double[][] x)
    {
        var (p, config) = (m.Parameters, m.Config);
        return RowScores.PerRow(m.Rows(x, nameof(x)), m.EvalKey, (b, _) => RowScores.AutoencoderReconstructionError(p, config, b));
    }
}
