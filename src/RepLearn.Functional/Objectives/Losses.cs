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

    /// <summary>ln(2 pi).</summary>
    internal const double Log2Pi = 1.8378770664093454835606594728112;
}
