namespace RepLearn;

public sealed partial record TrainReport
{
    /// <summary>The best epoch under <see cref="TrainOptions.EarlyStopping"/>, or null when none was set.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>True when the model was put back in the best epoch's state at the end (<see cref="EarlyStopping.RestoreBest"/>).</summary>
    public bool RestoredBest { get; init; }
}
