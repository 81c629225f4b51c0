namespace RepLearn.Functional.Information;

/// <summary>
/// The sample sizes of the sampled disentanglement metrics (<see cref="BetaVaeScore"/>, <see cref="FactorVaeScore"/>),
/// named as in disentanglement_lib's gin configurations (<c>config/unsupervised_study_v1/metric_configs/beta_vae.gin</c>
/// and <c>factor_vae.gin</c>: batch_size 64, num_train 10000, num_eval 5000, num_variance_estimate 10000,
/// prune_dims.threshold 0.05; <see cref="DisentanglementLib"/>). <see cref="Default"/> keeps the batch of 64 and the
/// threshold but uses 500 training and 500 evaluation points and 2000 observations for the variances, so that an
/// evaluation of both scores encodes about 200 000 rather than 2.6 million images; the accuracies then carry a standard
/// error of up to about 0.02.
/// </summary>
/// <param name="BatchSize">Observations per training point: the pairs of BetaVAE (two batches of this size), the fixed-factor batch of FactorVAE (&gt;= 2).</param>
/// <param name="TrainPoints">Training points of the classifier (num_train, &gt;= 1).</param>
/// <param name="EvalPoints">Evaluation points (num_eval, &gt;= 1).</param>
/// <param name="VariancePoints">Observations for FactorVAE's global variances (num_variance_estimate, &gt;= 2).</param>
/// <param name="PruneThreshold">FactorVAE ignores code dimensions whose global standard deviation is below this (prune_dims.threshold, &gt;= 0).</param>
public sealed record SampledMetricOptions(int BatchSize = 64, int TrainPoints = 500, int EvalPoints = 500, int VariancePoints = 2000, double PruneThreshold = 0.05)
{
    /// <summary>The scaled-down sizes used unless others are given: 64, 500, 500, 2000, 0.05.</summary>
    public static SampledMetricOptions Default { get; } = new();

    /// <summary>disentanglement_lib's sizes: 64, 10000, 5000, 10000, 0.05.</summary>
    public static SampledMetricOptions DisentanglementLib { get; } = new(64, 10_000, 5_000, 10_000, 0.05);

    /// <summary>Throws on a size out of range, naming the property.</summary>
    internal void Check()
    {
        if (BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be >= 2 (a variance needs two rows)");
        if (TrainPoints < 1) throw new ArgumentOutOfRangeException(nameof(TrainPoints), TrainPoints, "TrainPoints must be >= 1");
        if (EvalPoints < 1) throw new ArgumentOutOfRangeException(nameof(EvalPoints), EvalPoints, "EvalPoints must be >= 1");
        if (VariancePoints < 2) throw new ArgumentOutOfRangeException(nameof(VariancePoints), VariancePoints, "VariancePoints must be >= 2");
        if (!(PruneThreshold >= 0) || double.IsInfinity(PruneThreshold))
            throw new ArgumentOutOfRangeException(nameof(PruneThreshold), PruneThreshold, "PruneThreshold must be finite and >= 0");
    }
}
