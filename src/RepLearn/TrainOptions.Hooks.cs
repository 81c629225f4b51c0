using Microsoft.Extensions.Logging;

namespace RepLearn;

public sealed partial class TrainOptions
{
    /// <summary>
    /// Called after each epoch (after its test loss) with the epoch's figures and a read-only snapshot of the model at that
    /// point; return <see cref="EpochDecision.Stop"/> to end training there. The run then ends as an early stop does: the
    /// model keeps that epoch's state, and a later Fit resumes from it exactly.
    /// </summary>
    /// <example><code>
    /// var options = new TrainOptions { Epochs = 50, OnEpoch = e => e.TrainLoss &lt; 80 ? EpochDecision.Stop : EpochDecision.Continue };
    /// </code></example>
    public Func<EpochInfo, EpochDecision>? OnEpoch { get; init; }

    /// <summary>
    /// Early stopping and keep-best on a metric to minimise (by default the test loss, which needs test data); null: neither.
    /// Its state starts afresh in each Fit call.
    /// </summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// Receives one Information line per epoch (event "Epoch": epoch, train and test loss, seconds) and one when early
    /// stopping ends a run or the best epoch is restored. Null (the default): silent.
    /// </summary>
    public ILogger? Logger { get; init; }

    private void ValidateHooks() => EarlyStopping?.Validate();
}
