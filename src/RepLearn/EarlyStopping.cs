namespace RepLearn;

/// <summary>
/// Early stopping on a metric to minimise (Prechelt 1998; Keras' rule): epoch e improves when its value is below the best
/// so far by more than <see cref="MinDelta"/>; training stops once <see cref="Patience"/> epochs in a row have not improved.
/// With <see cref="RestoreBest"/> the model ends in the state of its best epoch (parameters, optimizer state and epoch
/// count: bit for bit the model a run stopped at that epoch would give), and <see cref="BestCheckpointPath"/> holds the best
/// epoch's checkpoint, rewritten at each improvement.
/// </summary>
/// <example><code>
/// var options = new TrainOptions { Epochs = 100, EarlyStopping = new EarlyStopping { Patience = 5, MinDelta = 0.01, BestCheckpointPath = "best.safetensors" } };
/// model.Fit(train, validation, options);
/// </code></example>
public sealed record EarlyStopping
{
    /// <summary>The test loss after each epoch (Fit needs test data).</summary>
    public const string TestLossMetric = "test_loss";

    /// <summary>The epoch's mean training loss.</summary>
    public const string TrainLossMetric = "train_loss";

    /// <summary>
    /// What to minimise: <see cref="TestLossMetric"/> (the default; Fit then needs test data, the validation set),
    /// <see cref="TrainLossMetric"/>, or a key of <see cref="EpochReport.Metrics"/> (for a VAE: "reconstruction", "kl").
    /// </summary>
    public string Metric { get; init; } = TestLossMetric;

    /// <summary>Epochs without improvement before stopping (&gt;= 1); null: never stop, only keep the best.</summary>
    public int? Patience { get; init; } = 5;

    /// <summary>The least decrease that counts as an improvement (finite, &gt;= 0).</summary>
    public double MinDelta { get; init; }

    /// <summary>End in the best epoch's state instead of the last one's (default true).</summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>If set, the best epoch's checkpoint is written here (atomically, replacing the file) each time the metric improves.</summary>
    public string? BestCheckpointPath { get; init; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Metric)) throw new ArgumentException("EarlyStopping.Metric is empty; use \"test_loss\", \"train_loss\" or a metric's name", nameof(Metric));
        if (Patience is < 1) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, $"EarlyStopping.Patience must be >= 1 or null, got {Patience}");
        if (!(MinDelta >= 0) || !double.IsFinite(MinDelta))
            throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, $"EarlyStopping.MinDelta must be finite and >= 0, got {Functional.Validation.Check.Show(MinDelta)}");
        if (BestCheckpointPath is { } p && string.IsNullOrWhiteSpace(p)) throw new ArgumentException("EarlyStopping.BestCheckpointPath is blank", nameof(BestCheckpointPath));
    }
}
