namespace RepLearn.Functional.Training;

/// <summary>What the fold does after an epoch: go on, or stop with this epoch's state as the result.</summary>
public enum EpochDecision
{
    /// <summary>Run the next epoch.</summary>
    Continue,
    /// <summary>End the fold now; the epoch just completed is the last (<see cref="FitStop.Requested"/>).</summary>
    Stop,
}

/// <summary>
/// Called after each completed epoch (after its evaluation and progress report) with the epoch's figures and the state at
/// its end; the parameters and optimizer state are immutable, so keeping them keeps a snapshot (a keep-best checkpoint
/// is a reference, not a copy).
/// </summary>
public delegate EpochDecision EpochHook<T>(EpochMetrics epoch, T parameters, OptState optimizerState) where T : ITree<T>;
