namespace RepLearn;

/// <summary>
/// How <c>Fit</c> trains: Adam (AdamW when <see cref="WeightDecay"/> &gt; 0; or the <see cref="Optimizer"/> chosen) over shuffled mini-batches.
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

    /// <summary>
    /// The direction-finding link: Adam (the default), Momentum (0.9) or Sgd. Recorded in checkpoints; a model that has
    /// optimizer state keeps its optimizer.
    /// </summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The core recipe these options describe.</summary>
    internal OptimizerRecipe Recipe => new(LearningRate, WeightDecay, ClipNorm, Optimizer);

    internal void Validate()
    {
        Check.AtLeast(Epochs, 1, nameof(Epochs));
        Check.AtLeast(BatchSize, 1, nameof(BatchSize));
        Recipe.Validated();
        ValidateHooks();
    }

    /// <summary>
    /// The options a checkpoint recorded at its last Fit (batch_size and the recipe; Epochs the default), or null when
    /// it recorded none (saved before any Fit). A present value must be valid (batch_size an integer &gt;= 1; see
    /// <see cref="OptimizerRecipe.FromMetadata"/>); batch_size and learning_rate come together.
    /// </summary>
    /// <exception cref="InvalidDataException">A value is not valid; the message names the file, the key and the value.</exception>
    internal static TrainOptions? Saved(CheckpointMetadata meta)
    {
        if (!meta.Has("batch_size") && !meta.Has(OptimizerRecipe.LearningRateKey))
        {
            OptimizerRecipe.FromMetadata(meta); // refuses weight_decay or clip_norm recorded alone
            return null;
        }
        var batch = meta.Int("batch_size");
        if (batch < 1) throw meta.Invalid("batch_size", "is not >= 1");
        meta.String(OptimizerRecipe.LearningRateKey); // present, or the error names it
        var r = OptimizerRecipe.FromMetadata(meta)!;
        return new TrainOptions { BatchSize = batch, LearningRate = r.LearningRate, WeightDecay = r.WeightDecay, ClipNorm = r.ClipNorm, Optimizer = r.Optimizer };
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
