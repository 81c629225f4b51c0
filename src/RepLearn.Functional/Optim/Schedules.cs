namespace RepLearn.Functional.Optim;

/// <summary>Learning-rate schedules: pure functions of the step count.</summary>
public static class Schedules
{
    /// <summary>lr(t) = value.</summary>
    public static Schedule Constant(double value)
    {
        Check.Positive(value, "learningRate");
        return _ => value;
    }

    /// <summary>
    /// Cosine decay (Loshchilov and Hutter 2017): lr(t) = init ((1 - alpha) (1 + cos(pi min(t, T) / T)) / 2 + alpha).
    /// </summary>
    public static Schedule CosineDecay(double init, long decaySteps, double alpha = 0)
    {
        Check.Positive(init, nameof(init));
        Check.AtLeast(decaySteps, 1, nameof(decaySteps));
        Check.Probability(alpha, nameof(alpha));
        return t => init * ((1 - alpha) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(t, decaySteps) / decaySteps)) + alpha);
    }

    /// <summary>Linear warm-up from <paramref name="start"/> to <paramref name="peak"/> over <paramref name="warmupSteps"/>, then constant.</summary>
    public static Schedule LinearWarmup(double start, double peak, long warmupSteps)
    {
        Check.NonNegative(start, nameof(start));
        Check.Positive(peak, nameof(peak));
        Check.AtLeast(warmupSteps, 1, nameof(warmupSteps));
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
