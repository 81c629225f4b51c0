using System.Collections.Immutable;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Functional.Training;

/// <summary>A batch loss and named per-batch metrics (each a mean over the batch's samples).</summary>
/// <param name="Loss">A 1 x 1 tensor, differentiated with respect to the parameters.</param>
/// <param name="Metrics">Extra figures (for a VAE: reconstruction, kl), not differentiated.</param>
public sealed record LossOutput(Tensor Loss, ImmutableSortedDictionary<string, double> Metrics)
{
    /// <summary>A loss with no extra metrics.</summary>
    public static LossOutput Of(Tensor loss) => new(loss, ImmutableSortedDictionary<string, double>.Empty);
}

/// <summary>A model's objective on one batch: (params, batch, key) -> loss.</summary>
public delegate LossOutput BatchLoss<T>(T parameters, Tensor batch, Key key) where T : ITree<T>;

/// <summary>How to fold over the data.</summary>
/// <param name="Epochs">Passes over the data, &gt;= 1.</param>
/// <param name="BatchSize">Samples per step, &gt;= 1; the last batch of an epoch may be smaller.</param>
/// <param name="Key">Drives shuffling and every step's randomness: epoch e uses Key.FoldIn(e).</param>
/// <param name="SkipNonFinite">Skip a step whose loss or gradient is not finite, instead of stopping.</param>
/// <param name="StartEpoch">The first epoch to run (0 for a fresh run; k when resuming after k epochs).</param>
public sealed record FitOptions(int Epochs, int BatchSize, Key Key, bool SkipNonFinite = false, int StartEpoch = 0);

/// <summary>One epoch's figures.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">Mean batch loss weighted by batch size (a per-sample mean).</param>
/// <param name="Metrics">Means of the loss function's metrics, weighted the same way, plus any evaluation figures.</param>
/// <param name="SkippedSteps">Steps skipped for non-finite values this epoch.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, ImmutableSortedDictionary<string, double> Metrics, int SkippedSteps);

/// <summary>
/// Progress after each step, for a progress bar; after an epoch's last step and its evaluation, one more
/// report carries the epoch's figures in <paramref name="CompletedEpoch"/>.
/// </summary>
public sealed record FitProgress(int Epoch, int Epochs, long Step, long StepsPerEpoch, long SamplesSeen, double Loss, EpochMetrics? CompletedEpoch = null);

/// <summary>Why training stopped early, if it did.</summary>
public enum FitStop
{
    /// <summary>All epochs ran.</summary>
    Completed,
    /// <summary>The cancellation token fired; the result holds the last completed step's state.</summary>
    Cancelled,
    /// <summary>A loss or gradient was not finite; the result holds the last good parameters.</summary>
    NonFinite,
    /// <summary>The epoch hook asked to stop (early stopping, or the caller's own rule); the result holds that epoch's state.</summary>
    Requested,
}

/// <summary>
/// The fold's result: final parameters and optimizer state, the metric trajectory and why it ended.
/// When the fold stops early, <see cref="Parameters"/> is the last good state (after the last finite step) and
/// <see cref="EpochParameters"/>/<see cref="EpochOptimizerState"/> the state at the end of the last completed epoch,
/// from which a resumed run (StartEpoch = EpochsCompleted) continues exactly as an uninterrupted one.
/// </summary>
public sealed record FitResult<T>(T Parameters, OptState OptimizerState, ImmutableList<EpochMetrics> History, FitStop Stop, string? StopMessage, int EpochsCompleted,
    T EpochParameters, OptState EpochOptimizerState)
    where T : ITree<T>;
