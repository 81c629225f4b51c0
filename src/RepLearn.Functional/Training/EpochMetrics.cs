namespace RepLearn.Functional.Training;

/// <summary>One epoch's figures.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">Mean batch loss weighted by batch size (a per-sample mean).</param>
/// <param name="Metrics">Means of the loss function's metrics, weighted the same way, plus any evaluation figures.</param>
/// <param name="SkippedSteps">Steps skipped for non-finite values this epoch.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, ImmutableSortedDictionary<string, double> Metrics, int SkippedSteps);

