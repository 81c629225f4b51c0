namespace RepLearn;

/// <summary>What <see cref="TrainOptions.OnEpoch"/> returns: go on, or stop after this epoch.</summary>
public enum EpochDecision
{
    /// <summary>Run the next epoch.</summary>
    Continue,
    /// <summary>End training after this epoch (<see cref="TrainReport.Completed"/> is then false unless it was the last).</summary>
    Stop,
}

/// <summary>What <see cref="TrainOptions.OnEpoch"/> sees after an epoch.</summary>
/// <param name="Report">The epoch's figures.</param>
/// <param name="Model">
/// The model as it is after this epoch: a snapshot, so it can encode, score or <c>Save</c> (a checkpoint of this epoch) while
/// training goes on; calling <c>Fit</c> on it throws <see cref="InvalidOperationException"/>.
/// </param>
public sealed record EpochInfo(EpochReport Report, IRepresentationModel Model)
{
    /// <summary>The 1-based epoch over the model's life.</summary>
    public int Epoch => Report.Epoch;

    /// <summary>The epoch's mean training loss.</summary>
    public double TrainLoss => Report.TrainLoss;

    /// <summary>The test loss after the epoch, when Fit was given test data.</summary>
    public double? TestLoss => Report.TestLoss;
}
