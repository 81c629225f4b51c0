namespace RepLearn.Functional.Training;

/// <summary>
/// Progress after each step, for a progress bar; after an epoch's last step and its evaluation, one more
/// report carries the epoch's figures in <paramref name="CompletedEpoch"/>.
/// </summary>
public sealed record FitProgress(int Epoch, int Epochs, long Step, long StepsPerEpoch, long SamplesSeen, double Loss, EpochMetrics? CompletedEpoch = null);

