namespace RepLearn;

/// <summary>
/// log p(x) of a latent-variable model (the VAE family: vae, iwae, tcvae), estimated by importance sampling with the
/// encoder as proposal: the k-sample bound L_k of Burda et al. 2016 (<see cref="Iwae.LogMarginal"/>), a lower bound in
/// expectation that tightens as k grows; k = 5000 is the number papers report.
/// </summary>
/// <example><code>
/// IRepresentationModel model = Models.Load("mnist-vae.safetensors");
/// if (model.HasLogMarginal()) Console.WriteLine(model.LogMarginal(test[..200]).Average());   // nats, k = 5000
/// </code></example>
public static class MarginalLikelihood
{
    /// <summary>k = 5000, the number of importance samples papers report log p(x) with.</summary>
    public const int DefaultSamples = Iwae.EvaluationSamples;

    /// <summary>True when <paramref name="model"/>'s kind has a density whose log p(x) <see cref="LogMarginal"/> estimates.</summary>
    public static bool HasLogMarginal(this IRepresentationModel model) => Check.NotNull(model, nameof(model)) switch
    {
        Vae => true,
        IDensityEstimate d => d.HasLogMarginal,
        _ => false,
    };

    /// <summary>
    /// An estimate of log p(x) per row, in nats, with <paramref name="samples"/> importance samples per row; the noise comes
    /// from the evaluation key of <paramref name="seed"/> (default the model's seed), Key(seed).FoldIn(2), so the result is
    /// a pure function of the model, the rows, samples and seed. Memory stays bounded whatever the row and sample counts;
    /// time grows as rows x samples decoder passes.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The model has no density (<see cref="HasLogMarginal"/> is false; ParamName model), rows of the wrong width or out of
    /// [0, 1] for a Bernoulli decoder (ParamName x), or samples &lt; 1.
    /// </exception>
    public static double[] LogMarginal(this IRepresentationModel model, double[][] x, int samples = DefaultSamples, long? seed = null)
    {
        Check.NotNull(model, nameof(model));
        Check.AtLeast(samples, 1, nameof(samples));
        var key = Key.FromSeed(seed ?? model.Seed).FoldIn(2);
        return model switch
        {
            Vae v => ModelKinds.VaeKind.LogMarginal!(v.CoreParameters, v.Config,
                v.EngineState.InDType(Data.Rows(x, nameof(x), v.InputDim, v.Config.Likelihood == Functional.Models.Likelihood.Bernoulli)), key, samples).ToArray(),
            IDensityEstimate { HasLogMarginal: true } d => d.LogMarginal(x, samples, key),
            _ => throw new ArgumentException($"a '{model.Kind}' model has no density to estimate log p(x) of", nameof(model)),
        };
    }
}

/// <summary>A facade model over a table kind that may have a density (<see cref="ModelKind.HasLogMarginal"/>).</summary>
internal interface IDensityEstimate
{
    bool HasLogMarginal { get; }

    double[] LogMarginal(double[][] x, int samples, Key key);
}
