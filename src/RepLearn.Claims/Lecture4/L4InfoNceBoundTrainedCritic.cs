namespace RepLearn.Claims;

/// <summary>A critic family for InfoNCE on pairs (x, y) in R^d.</summary>
public enum CriticFamily
{
    /// <summary>f(x, y) = x^T W y: cannot represent the optimal critic's -|y|^2 term (the original experiment's critic).</summary>
    Bilinear,

    /// <summary>
    /// f(x, y) = x^T W y - y^T A y: contains the optimal critic of correlated Gaussians,
    /// log p(y | x) / p(y) = c + rho / (1 - rho^2) x^T y - rho^2 / (2 (1 - rho^2)) |y|^2 + (a function of x alone, which InfoNCE ignores).
    /// </summary>
    BilinearPlusQuadratic,
}

/// <summary>One trained critic's evaluation at one MI level.</summary>
/// <param name="TrueMi">I(x; y) in nats.</param>
/// <param name="Estimates">log(K+1) - L_NCE of the trained critic on each fresh evaluation batch.</param>
/// <param name="OptimalEstimates">The same for the optimal critic on the same batches (paired).</param>
public sealed record TrainedCriticRun(double TrueMi, double[] Estimates, double[] OptimalEstimates)
{
    /// <summary>Mean trained-critic estimate.</summary>
    public double Mean => Estimates.Average();

    /// <summary>Its standard error.</summary>
    public double StandardError => GradientEstimators.Moments(Estimates).StandardError;

    /// <summary>Mean optimal-critic estimate on the same batches.</summary>
    public double OptimalMean => OptimalEstimates.Average();

    /// <summary>Mean of trained - optimal over the paired batches and its standard error.</summary>
    public (double Mean, double StandardError) Difference
    {
        get
        {
            var (mean, _, se) = GradientEstimators.Moments([.. Estimates.Zip(OptimalEstimates, (a, b) => a - b)]);
            return (mean, se);
        }
    }
}

/// <summary>
/// L4-infonce-bound, trained-critic half (Lecture 4; Poole et al. 2019): log(K+1) - L_NCE is a lower bound on I(x; y) for any
/// critic, so a critic trained to minimise InfoNCE climbs towards the true MI but never above it (up to sampling error), and
/// never above log(K+1). Correlated Gaussians with known MI (<see cref="CorrelatedGaussians"/>); the critic trained with Adam on
/// batches of K+1 pairs (in-batch negatives, the loss <c>Losses.InfoNceFromLogits</c> on the score matrix), then evaluated on
/// fresh batches beside the optimal critic (<c>CorrelatedGaussians.LogDensityRatioMatrix</c>) on the same batches.
/// </summary>
public static class L4InfoNceBoundTrainedCritic
{
    /// <summary>The critic's scores S_ik = f(x_i, y_k) for parameters P = [W | A] (d x 2d; A unused by the bilinear family).</summary>
    public static Tensor Scores(CriticFamily family, Tensor p, Tensor x, Tensor y)
    {
        var d = x.Cols;
        var w = family == CriticFamily.Bilinear ? p : Ops.SliceCols(p, 0, d);
        var scores = Ops.MatMul(Ops.MatMul(x, w), y, transposeB: true);
        if (family == CriticFamily.Bilinear) return scores;
        var quadratic = Ops.RowDot(Ops.MatMul(y, Ops.SliceCols(p, d, d)), y);   // B x 1: y_k^T A y_k
        return Ops.Sub(scores, Ops.BroadcastTo(Ops.Transpose(quadratic), x.Rows, y.Rows));
    }

    /// <summary>InfoNCE with in-batch negatives from the score matrix: mean_i LSE_k S_ik - S_ii (the library's loss).</summary>
    public static Tensor Loss(CriticFamily family, Tensor p, Tensor x, Tensor y) =>
        Ops.Mean(Core.InfoNceFromLogits(Scores(family, p, x, y), [.. Enumerable.Range(0, x.Rows)]));

    /// <summary>
    /// Trains the critic for <paramref name="steps"/> Adam steps (cosine decay from <paramref name="learningRate"/> to 5% of it) on fresh
    /// batches of <paramref name="batch"/> pairs from key.FoldIn(step), then evaluates log(K+1) - L_NCE of it and of the optimal critic on
    /// <paramref name="evaluationBatches"/> fresh batches from key.FoldIn(10 000 + b).
    /// </summary>
    public static TrainedCriticRun Run(CriticFamily family, int d, double mi, int batch, Key key, int steps, double learningRate, int evaluationBatches)
    {
        var rho = CorrelatedGaussians.RhoForMutualInformation(d, mi);
        var p = Tensor.Zeros(d, family == CriticFamily.Bilinear ? d : 2 * d);
        var adam = Optimizers.Adam<Tensor>(Schedules.CosineDecay(learningRate, steps, 0.05));
        var state = adam.Init(p);
        for (var step = 0; step < steps; step++)
        {
            var (x, y) = CorrelatedGaussians.Generate(key.FoldIn(step), batch, d, rho);
            var (_, grad) = Grad.ValueAndGrad(q => Loss(family, q, x, y), p);
            var (updates, next) = adam.Update(grad, state, p);
            (p, state) = (Transforms.ApplyUpdates(p, updates), next);
        }

        var logK1 = Math.Log(batch);
        var estimates = new double[evaluationBatches];
        var optimal = new double[evaluationBatches];
        for (var b = 0; b < evaluationBatches; b++)
        {
            var (x, y) = CorrelatedGaussians.Generate(key.FoldIn(10_000 + b), batch, d, rho);
            estimates[b] = logK1 - Loss(family, p, x, y).ToScalar();
            optimal[b] = L4InfoNceBound.InfoNceEstimate(CorrelatedGaussians.LogDensityRatioMatrix(x, y, rho));
        }
        return new TrainedCriticRun(mi, estimates, optimal);
    }
}
