namespace RepLearn.Functional.Objectives;

/// <summary>
/// The lectures' objectives as pure differentiable functions of tensors. Inputs are batches
/// (one sample per row); results are per-sample columns (n x 1) summed over dimensions, so a
/// caller averages over the batch with <c>Ops.Mean</c>. None has a hand-written gradient: each is
/// a composition of <see cref="Autodiff.Ops"/> primitives.
/// </summary>
public static partial class Losses
{
    /// <summary>
    /// Log-variances are clamped to [-LogVarianceBound, LogVarianceBound] inside the Gaussian KL and
    /// negative log-likelihood, so exp(logvar) and exp(-logvar) never overflow (e^700 ~ 1e304);
    /// the gradient with respect to a log-variance outside that range is 0.
    /// </summary>
    public const double LogVarianceBound = 700;

    /// <summary>
    /// The float32 counterpart of <see cref="LogVarianceBound"/>: e^80 ~ 5.5e34 stays below float32's 3.4e38 with room
    /// for the sums and products of the KL and NLL (float32's exp overflows past 88.7).
    /// </summary>
    public const double LogVarianceBoundFloat32 = 80;

    /// <summary>logVar clamped to +-<see cref="LogVarianceBound"/> (float64) or +-<see cref="LogVarianceBoundFloat32"/> (float32).</summary>
    internal static Tensor ClampLogVariance(Tensor logVar)
    {
        var bound = logVar.DType == DType.Float32 ? LogVarianceBoundFloat32 : LogVarianceBound;
        return Ops.Clamp(logVar, -bound, bound);
    }

    /// <summary>ln(2 pi).</summary>
    internal const double Log2Pi = 1.8378770664093454835606594728112;
}
