namespace RepLearn.Functional.Training;

/// <summary>
/// The fold's result: final parameters and optimizer state, the metric trajectory and why it ended.
/// When the fold stops early, <see cref="Parameters"/> is the last good state (after the last finite step) and
/// <see cref="EpochParameters"/>/<see cref="EpochOptimizerState"/> the state at the end of the last completed epoch,
/// from which a resumed run (StartEpoch = EpochsCompleted) continues exactly as an uninterrupted one.
/// </summary>
public sealed record FitResult<T>(T Parameters, OptState OptimizerState, ImmutableList<EpochMetrics> History, FitStop Stop, string? StopMessage, int EpochsCompleted,
    T EpochParameters, OptState EpochOptimizerState)
    where T : ITree<T>;
