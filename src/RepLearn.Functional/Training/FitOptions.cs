namespace RepLearn.Functional.Training;

/// <summary>How to fold over the data.</summary>
/// <param name="Epochs">Passes over the data, &gt;= 1.</param>
/// <param name="BatchSize">Samples per step, &gt;= 1; the last batch of an epoch may be smaller.</param>
/// <param name="Key">Drives shuffling and every step's randomness: epoch e uses Key.FoldIn(e).</param>
/// <param name="SkipNonFinite">Skip a step whose loss or gradient is not finite, instead of stopping.</param>
/// <param name="StartEpoch">The first epoch to run (0 for a fresh run; k when resuming after k epochs).</param>
public sealed record FitOptions(int Epochs, int BatchSize, Key Key, bool SkipNonFinite = false, int StartEpoch = 0);

