namespace RepLearn.Functional.Optim;

/// <summary>Learning-rate schedules: pure functions of the step count.</summary>
public static class Schedules
{
    /// <summary>lr(t) = value.</summary>
    public static Schedule Constant(double value)
    {
        Hyper.Require(value > 0 && double.IsFinite(value), "learningRate", value, "must be finite and > 0");
        return _ => value;
    }

    /// <summary>
    /// Cosine decay (Loshchilov and Hutter 2017): lr(t) = init ((1 - alpha) (1 + cos(pi min(t, T) / T)) / 2 + alpha).
    /// </summary>
    public static Schedule CosineDecay(double init, long decaySteps, double alpha = 0)
    {
        Hyper.Require(init > 0 && double.IsFinite(init), nameof(init), init, "must be finite and > 0");
        Hyper.Require(decaySteps >= 1, nameof(decaySteps), decaySteps, "must be >= 1");
        Hyper.Require(alpha >= 0 && alpha <= 1, nameof(alpha), alpha, "must be in [0, 1]");
        return t => init * ((1 - alpha) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(t, decaySteps) / decaySteps)) + alpha);
    }

    /// <summary>Linear warm-up from <paramref name="start"/> to <paramref name="peak"/> over <paramref name="warmupSteps"/>, then constant.</summary>
    public static Schedule LinearWarmup(double start, double peak, long warmupSteps)
    {
        Hyper.Require(start >= 0 && double.IsFinite(start), nameof(start), start, "must be finite and >= 0");
        Hyper.Require(peak > 0 && double.IsFinite(peak), nameof(peak), peak, "must be finite and > 0");
        Hyper.Require(warmupSteps >= 1, nameof(warmupSteps), warmupSteps, "must be >= 1");
        return t => t >= warmupSteps ? peak : start + (peak - start) * t / warmupSteps;
    }

    /// <summary>Linear warm-up to <paramref name="peak"/>, then cosine decay over the remaining steps.</summary>
    public static Schedule WarmupCosineDecay(double peak, long warmupSteps, long totalSteps, double alpha = 0)
    {
        var warm = LinearWarmup(0, peak, warmupSteps);
        var decay = CosineDecay(peak, Math.Max(1, totalSteps - warmupSteps), alpha);
        return t => t < warmupSteps ? warm(t) : decay(t - warmupSteps);
    }
}
