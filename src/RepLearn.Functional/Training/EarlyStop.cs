namespace RepLearn.Functional.Training;

/// <summary>The early-stopping fold's state: the best value so far, its epoch, and the epochs since it last improved.</summary>
/// <param name="Best">The lowest value seen (+inf before the first epoch).</param>
/// <param name="BestEpoch">The 1-based epoch of <paramref name="Best"/> (0 before the first improvement).</param>
/// <param name="Stale">Epochs since the last improvement.</param>
public sealed record EarlyStopState(double Best, int BestEpoch, int Stale)
{
    /// <summary>The state before any epoch.</summary>
    public static EarlyStopState Initial { get; } = new(double.PositiveInfinity, 0, 0);
}

/// <summary>
/// Early stopping on a metric to minimise (Prechelt 1998, "Early stopping - but when?"; the rule of Keras' EarlyStopping):
/// epoch e improves when v_e &lt; best - minDelta; training stops once <c>patience</c> epochs in a row have not improved.
/// A pure step function, folded over the epochs by the caller.
/// </summary>
/// <example><code>
/// var state = EarlyStopState.Initial;
/// foreach (var (epoch, loss) in losses)
/// {
///     (state, var improved, var stop) = EarlyStop.Step(state, epoch, loss, minDelta: 1e-3, patience: 3);
///     if (stop) break;
/// }
/// </code></example>
public static class EarlyStop
{
    /// <summary>
    /// The state after epoch <paramref name="epoch"/> with value <paramref name="value"/>: improved when value &lt; Best -
    /// minDelta (a NaN never improves); stop when not improved and Stale + 1 &gt;= patience (null patience: never stop, only track the best).
    /// </summary>
    [Pure]
    public static (EarlyStopState State, bool Improved, bool Stop) Step(EarlyStopState state, int epoch, double value, double minDelta, int? patience)
    {
        if (!(minDelta >= 0) || !double.IsFinite(minDelta)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"minDelta must be finite and >= 0, got {minDelta}");
        if (patience is < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"patience must be >= 1 or null, got {patience}");
        if (value < state.Best - minDelta || (state.BestEpoch == 0 && value <= state.Best))
            return (new EarlyStopState(value, epoch, 0), true, false);
        var next = state with { Stale = state.Stale + 1 };
        return (next, false, patience is { } p && next.Stale >= p);
    }
}
