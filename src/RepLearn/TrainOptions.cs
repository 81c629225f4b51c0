namespace RepLearn;

/// <summary>
/// How <c>Fit</c> trains: Adam (AdamW when <see cref="WeightDecay"/> &gt; 0) over shuffled mini-batches.
/// Every value is checked before any work starts.
/// </summary>
public sealed partial class TrainOptions
{
    /// <summary>Epochs to run in this call (&gt;= 1); a later call continues from where this one stopped.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per step (&gt;= 1).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's step size (finite, &gt; 0).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decoupled weight decay (AdamW), finite and &gt;= 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Clip gradients to this global L2 norm (finite, &gt; 0), or null for no clipping.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Skip a step whose loss or gradient is not finite instead of stopping.</summary>
    public bool SkipNonFinite { get; init; }

    internal void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"Epochs must be >= 1, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"BatchSize must be >= 1, got {BatchSize}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"LearningRate must be finite and > 0, got {RepLearn.Validate.Show(LearningRate)}");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, $"WeightDecay must be finite and >= 0, got {RepLearn.Validate.Show(WeightDecay)}");
        if (ClipNorm is { } c && (!(c > 0) || !double.IsFinite(c)))
            throw new ArgumentOutOfRangeException(nameof(ClipNorm), c, $"ClipNorm must be finite and > 0, got {RepLearn.Validate.Show(c)}");
        ValidateHooks();
    }
}

/// <summary>Progress after each training step; after each epoch one more report carries <paramref name="CompletedEpoch"/>.</summary>
/// <param name="Epoch">1-based epoch, counted over the model's whole life (a resumed run continues the count).</param>
/// <param name="Epochs">The epoch this Fit call ends at.</param>
/// <param name="Step">Step within the epoch, 1-based.</param>
/// <param name="StepsPerEpoch">Steps in an epoch.</param>
/// <param name="SamplesSeen">Samples processed in this epoch so far.</param>
/// <param name="Loss">This step's batch loss.</param>
/// <param name="CompletedEpoch">The finished epoch's report, on the report that closes an epoch; else null.</param>
public sealed record TrainProgress(int Epoch, int Epochs, long Step, long StepsPerEpoch, long SamplesSeen, double Loss, EpochReport? CompletedEpoch = null);

/// <summary>One epoch's figures.</summary>
/// <param name="Epoch">1-based, over the model's life.</param>
/// <param name="TrainLoss">Mean per-sample training loss over the epoch's steps.</param>
/// <param name="TestLoss">Mean per-sample loss on the test data after the epoch, when test data was given.</param>
/// <param name="Seconds">Wall time of the epoch's training steps (the test evaluation excluded).</param>
/// <param name="Metrics">Other figures (for a VAE: reconstruction and kl), means per sample.</param>
public sealed record EpochReport(int Epoch, double TrainLoss, double? TestLoss, double Seconds, IReadOnlyDictionary<string, double> Metrics);

/// <summary>The outcome of a <c>Fit</c> call.</summary>
/// <param name="Epochs">One report per epoch run.</param>
/// <param name="Completed">True when every requested epoch ran.</param>
/// <param name="StopReason">Why training stopped early (cancelled, or the step where a value became non-finite); null when completed.</param>
public sealed partial record TrainReport(IReadOnlyList<EpochReport> Epochs, bool Completed, string? StopReason)
{
    /// <summary>The last epoch's training loss (NaN when no epoch ran).</summary>
    public double FinalTrainLoss => Epochs.Count == 0 ? double.NaN : Epochs[^1].TrainLoss;

    /// <summary>The last epoch's test loss, if any.</summary>
    public double? FinalTestLoss => Epochs.Count == 0 ? null : Epochs[^1].TestLoss;
}
