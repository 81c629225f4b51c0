namespace RepLearn.Functional.Training;

/// <summary>
/// Training as a fold over shuffled batches:
/// (params, optState) -> step(batch, key) -> (params', optState'), returning the whole trajectory.
/// Epoch e shuffles with Key.FoldIn(e).FoldIn(-1) and gives step b the key Key.FoldIn(e).FoldIn(b), so
/// running N epochs straight equals running k, then N - k more from the saved state (StartEpoch = k).
/// </summary>
public static class Train
{
    /// <summary>
    /// The largest gradient element a step accepts: beyond it g^2 (Adam's second moment, a global norm) can overflow
    /// to +inf while the loss is finite, so such a step counts as non-finite (a temperature of 1e-300 does this).
    /// </summary>
    public const double MaxGradient = 1e150;

    /// <summary>The float32 counterpart of <see cref="MaxGradient"/>: float32's g^2 overflows past 1.8e19.</summary>
    public const double MaxGradientFloat32 = 1e18;

    /// <summary>The gradient bound of a leaf's dtype.</summary>
    private static double MaxGradientOf(Tensor leaf) => leaf.DType == DType.Float32 ? MaxGradientFloat32 : MaxGradient;

    /// <summary>
    /// Runs <paramref name="options"/>.Epochs epochs of <paramref name="optimizer"/> on <paramref name="loss"/>.
    /// A non-finite loss or gradient (or one beyond <see cref="MaxGradient"/>) stops the fold with the last good parameters (or skips the step when
    /// <see cref="FitOptions.SkipNonFinite"/>); parameters or optimizer state that are not finite at the end of an
    /// epoch stop it with the previous epoch's state; cancellation stops it after the current step.
    /// <paramref name="evaluate"/>, if given, adds figures (such as a test loss) to each epoch's metrics;
    /// <paramref name="onEpoch"/>, if given, sees each completed epoch and may stop the fold there (<see cref="FitStop.Requested"/>).
    /// </summary>
    /// <remarks>
    /// Steps reuse memory, so a steady-state step allocates almost nothing: the tensors <paramref name="loss"/> and
    /// <paramref name="evaluate"/> make are released when the step (or evaluation) ends, and reading one afterwards throws
    /// an error that says so; they return numbers, and a loss that needs a tensor later makes it outside the step. The
    /// Adam chains (<see cref="OptimizerRecipe"/> with Adam, <see cref="Optimizers.Adam{T}(double, double, double, double)"/>,
    /// <see cref="Optimizers.AdamW{T}"/>) run in place on buffers the loop owns, with the same bits as their pure
    /// <c>Update</c>; every other optimizer runs as given. The trees returned, and those <paramref name="evaluate"/> and
    /// <paramref name="onEpoch"/> see, are immutable snapshots.
    /// </remarks>
    public static FitResult<T> Fit<T>(
        T parameters, OptState optState, GradientTransformation<T> optimizer, BatchLoss<T> loss, Tensor data,
        FitOptions options, Func<T, ImmutableSortedDictionary<string, double>>? evaluate = null,
        IProgress<FitProgress>? progress = null, CancellationToken cancellation = default, EpochHook<T>? onEpoch = null)
        where T : ITree<T>
    {
        Validate(options, data);
        var history = ImmutableList.CreateBuilder<EpochMetrics>();
        var n = data.Rows;
        var stepsPerEpoch = (int)(((long)n + options.BatchSize - 1) / options.BatchSize); // long: BatchSize may be near int.MaxValue
        var (epochParameters, epochState) = (parameters, optState);
        // Each step's tensors come from the arena and are released when the step ends; the Adam chains update
        // parameters and moments the loop owns in place. Callers see only snapshots (see Stepper).
        var arena = new StepArena();
        var stepper = Stepper<T>.Start(optimizer, parameters, optState, arena);
        for (var epoch = options.StartEpoch; epoch < options.Epochs; epoch++)
        {
            var epochKey = options.Key.FoldIn(epoch);
            var order = Sample.Permutation(epochKey.FoldIn(-1), n);
            var sums = new Dictionary<string, double>();
            double lossSum = 0;
            long seen = 0;
            var skipped = 0;
            for (var b = 0; b < stepsPerEpoch; b++)
            {
                if (cancellation.IsCancellationRequested)
                {
                    (parameters, optState) = stepper.Snapshot();
                    return new(parameters, optState, history.ToImmutable(), FitStop.Cancelled, $"cancelled in epoch {epoch + 1} before step {b + 1}", epoch, epochParameters, epochState);
                }
                var start = b * options.BatchSize;
                var rows = Math.Min(options.BatchSize, n - start);
                var globalStep = (long)epoch * stepsPerEpoch + b + 1;
                double value;
                ImmutableSortedDictionary<string, double> metrics;
                string? nonFinite = null;
                using (arena.Enter())
                {
                    var batch = data.GatherRows(order.AsSpan(start, rows));
                    var stepKey = epochKey.FoldIn(b);
                    (value, var grads, metrics) = Grad.ValueAndGradWithAux(p =>
                    {
                        var output = loss(p, batch, stepKey);
                        return (output.Loss, output.Metrics);
                    }, stepper.Current());
                    if (!double.IsFinite(value) || !Tree.Leaves(grads).All(l => l.Leaf.AllAbsAtMost(MaxGradientOf(l.Leaf))))
                        nonFinite = !double.IsFinite(value) ? $"loss ({value})"
                            : Tree.AllFinite(grads) ? $"gradient (an element beyond {Tree.Leaves(grads).Min(l => MaxGradientOf(l.Leaf)):0e0}, whose square overflows)" : "gradient";
                    else stepper.Apply(grads);
                }
                if (nonFinite is not null)
                {
                    if (!options.SkipNonFinite)
                    {
                        (parameters, optState) = stepper.Snapshot();
                        return new(parameters, optState, history.ToImmutable(), FitStop.NonFinite,
                            $"non-finite {nonFinite} at step {globalStep} (epoch {epoch + 1}, batch {b + 1})", epoch,
                            epochParameters, epochState);
                    }
                    skipped++;
                    continue;
                }
                lossSum += value * rows;
                foreach (var (k, v) in metrics) sums[k] = sums.GetValueOrDefault(k) + v * rows;
                seen += rows;
                progress?.Report(new FitProgress(epoch + 1, options.Epochs, b + 1, stepsPerEpoch, (long)epoch * n + start + rows, value));
            }
            (parameters, optState) = stepper.Snapshot();
            // Finite losses and gradients can still leave the state non-finite (Adam's second moment g^2
            // overflows once |g| > 1e154): checked once an epoch, so a checkpoint always holds a savable state.
            if (!Tree.AllFinite(parameters) || !Tree.AllFinite(optState))
                return new(epochParameters, epochState, history.ToImmutable(), FitStop.NonFinite,
                    $"non-finite {(Tree.AllFinite(parameters) ? "optimizer state" : "parameters")} at the end of epoch {epoch + 1}; kept the state after epoch {epoch}",
                    epoch, epochParameters, epochState);
            var epochMetrics = sums.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value / Math.Max(seen, 1));
            if (evaluate is not null)
                using (arena.Enter()) // its tensors are released as a step's are: it returns numbers
                    epochMetrics = epochMetrics.SetItems(evaluate(parameters));
            (epochParameters, epochState) = (parameters, optState);
            var completed = new EpochMetrics(epoch + 1, seen > 0 ? lossSum / seen : double.NaN, epochMetrics, skipped);
            history.Add(completed);
            progress?.Report(new FitProgress(epoch + 1, options.Epochs, stepsPerEpoch, stepsPerEpoch, (long)(epoch + 1) * n, completed.TrainLoss, completed));
            if (onEpoch?.Invoke(completed, parameters, optState) == EpochDecision.Stop && epoch + 1 < options.Epochs)
                return new(parameters, optState, history.ToImmutable(), FitStop.Requested, $"stopped after epoch {epoch + 1} by the epoch hook", epoch + 1, parameters, optState);
        }
        return new(parameters, optState, history.ToImmutable(), FitStop.Completed, null, options.Epochs, parameters, optState);
    }

    private static void Validate(FitOptions options, Tensor data)
    {
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options.Epochs), options.Epochs, $"epochs must be >= 1, got {options.Epochs}");
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options.BatchSize), options.BatchSize, $"batch size must be >= 1, got {options.BatchSize}");
        if (options.StartEpoch < 0 || options.StartEpoch > options.Epochs)
            throw new ArgumentOutOfRangeException(nameof(options.StartEpoch), options.StartEpoch, $"start epoch must be in [0, epochs = {options.Epochs}]");
        if (data.Rows == 0) throw new ArgumentException("training data is empty", nameof(data));
    }
}
