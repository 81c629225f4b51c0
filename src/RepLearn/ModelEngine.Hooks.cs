using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using CoreDecision = RepLearn.Functional.Training.EpochDecision;

namespace RepLearn;

/// <summary>
/// The per-epoch hooks of the engine's Fit, for every model kind: logging, early stopping with keep-best, the user's
/// <see cref="TrainOptions.OnEpoch"/>. The core's fold calls <see cref="EpochHooks.Hook"/> after each epoch;
/// the early-stopping rule is the core's pure <see cref="EarlyStop.Step"/>.
/// </summary>
internal sealed partial class ModelEngine<TConfig, TParams>
{
    /// <summary>True for the read-only copies handed to <see cref="TrainOptions.OnEpoch"/>.</summary>
    public bool IsSnapshot { get; private init; }

    /// <summary>A read-only engine in the given state (the trees are immutable: nothing is copied).</summary>
    public ModelEngine<TConfig, TParams> Snapshot(TParams parameters, OptState state, int epochsCompleted) => new(Kind, Config, Seed, Budget, parameters, DType)
    {
        OptimizerState = state,
        EpochsCompleted = epochsCompleted,
        LastOptions = LastOptions,
        IsSnapshot = true,
    };

    private void RequireTrainable(TrainOptions options, bool hasTest)
    {
        if (IsSnapshot)
            throw new InvalidOperationException("this model is the read-only snapshot given to TrainOptions.OnEpoch; call Fit on the model being trained, or Load its checkpoint");
        if (options.EarlyStopping is { Metric: EarlyStopping.TestLossMetric } && !hasTest)
            throw new ArgumentException("EarlyStopping.Metric is \"test_loss\" but Fit was given no test data: pass a validation set as test, or choose \"train_loss\"",
                nameof(options));
    }

    private sealed class EpochHooks(ModelEngine<TConfig, TParams> engine, TrainOptions options, Func<ModelEngine<TConfig, TParams>, IRepresentationModel> snapshot,
        Func<EpochMetrics, EpochReport> toReport, Action done)
    {
        private static readonly Action<ILogger, int, int, double, string, double, Exception?> LogEpoch = LoggerMessage.Define<int, int, double, string, double>(
            LogLevel.Information, new EventId(1, "Epoch"), "epoch {Epoch}/{Epochs}: train loss {TrainLoss:G6}, test loss {TestLoss}, {Seconds:F2} s");

        private static readonly Action<ILogger, string, Exception?> LogStop = LoggerMessage.Define<string>(
            LogLevel.Information, new EventId(2, "EarlyStop"), "{Reason}");

        private readonly ILogger logger = options.Logger ?? NullLogger.Instance;
        private readonly int lastEpoch = engine.EpochsCompleted + options.Epochs;
        private EarlyStopState state = EarlyStopState.Initial;
        private (TParams Parameters, OptState State, int Epoch)? best;

        /// <summary>Why a hook stopped the run, when one did.</summary>
        public string? StopReason { get; private set; }

        public EpochHook<TParams>? Hook => options.EarlyStopping is null && options.OnEpoch is null && options.Logger is null ? null : OnEpoch;

        private CoreDecision OnEpoch(EpochMetrics metrics, TParams parameters, OptState optState)
        {
            var report = toReport(metrics);
            LogEpoch(logger, report.Epoch, lastEpoch, report.TrainLoss, report.TestLoss is { } t ? t.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "-",
                report.Seconds, null);
            var stop = options.EarlyStopping is { } rule && EarlyStopping(rule, metrics, parameters, optState);
            if (options.OnEpoch is { } user && user(new EpochInfo(report, Model(parameters, optState, metrics.Epoch))) == RepLearn.EpochDecision.Stop)
            {
                StopReason ??= $"stopped by TrainOptions.OnEpoch after epoch {metrics.Epoch}";
                stop = true;
            }
            done();
            return stop ? CoreDecision.Stop : CoreDecision.Continue;
        }

        /// <summary>One step of the early-stopping fold; keeps (and saves) the best state. True: stop.</summary>
        private bool EarlyStopping(EarlyStopping rule, EpochMetrics metrics, TParams parameters, OptState optState)
        {
            var value = Metric(rule.Metric, metrics);
            (state, var improved, var stop) = EarlyStop.Step(state, metrics.Epoch, value, rule.MinDelta, rule.Patience);
            if (improved)
            {
                best = (parameters, optState, metrics.Epoch);
                if (rule.BestCheckpointPath is { } path) Model(parameters, optState, metrics.Epoch).Save(path, overwrite: true);
            }
            if (!stop) return false;
            StopReason = $"early stopping: {rule.Metric} has not improved by more than {Check.Show(rule.MinDelta)} for {rule.Patience} epochs "
                + $"(best {Check.Show(state.Best)} at epoch {state.BestEpoch})";
            LogStop(logger, StopReason, null);
            return true;
        }

        private static double Metric(string name, EpochMetrics m) =>
            name == RepLearn.EarlyStopping.TrainLossMetric ? m.TrainLoss
            : m.Metrics.TryGetValue(name, out var v) ? v
            : throw new ArgumentException($"EarlyStopping.Metric \"{name}\" is not among this model's epoch figures: train_loss, "
                + string.Join(", ", m.Metrics.Keys), nameof(name));

        private IRepresentationModel Model(TParams parameters, OptState optState, int epoch) => snapshot(engine.Snapshot(parameters, optState, epoch));

        /// <summary>The report, after putting the engine back in the best epoch's state when asked.</summary>
        public TrainReport Finish(FitResult<TParams> result, IReadOnlyList<EpochReport> epochs)
        {
            var restored = false;
            if (options.EarlyStopping is { RestoreBest: true } && best is { } b && b.Epoch != engine.EpochsCompleted)
            {
                (engine.Parameters, engine.OptimizerState, engine.EpochsCompleted) = (b.Parameters, b.State, b.Epoch);
                restored = true;
                LogStop(logger, $"restored the state of epoch {b.Epoch}, the best by {options.EarlyStopping.Metric} ({Check.Show(state.Best)})", null);
            }
            var reason = result.Stop == FitStop.Requested ? StopReason ?? result.StopMessage : result.StopMessage;
            return new TrainReport(epochs, result.Stop == FitStop.Completed, reason) { BestEpoch = best?.Epoch, RestoredBest = restored };
        }
    }
}
