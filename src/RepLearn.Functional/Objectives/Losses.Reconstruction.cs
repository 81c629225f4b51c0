namespace RepLearn.Functional.Objectives;

public static partial class Losses
{
    /// <summary>
    /// Squared reconstruction error per sample, ||x - r||^2 = sum_j (x_j - r_j)^2 (Lecture 2, L_AE).
    /// </summary>
    public static Tensor SquaredError(Tensor x, Tensor reconstruction)
    {
        Check.SameShape(x, nameof(x), reconstruction, nameof(reconstruction));
        return Ops.Sum(Ops.Square(Ops.Sub(x, reconstruction)), 1);
    }

    /// <summary>
    /// Bernoulli negative log-likelihood from logits l, per sample:
    /// sum_j [t_j softplus(-l_j) + (1 - t_j) softplus(l_j)] = sum_j [(1 - t_j) l_j + softplus(-l_j)],
    /// which equals -t log sigmoid(l) - (1 - t) log(1 - sigmoid(l)) and is PyTorch's
    /// binary_cross_entropy_with_logits. Both terms are &gt;= 0, so nothing cancels: a saturated correct
    /// logit gives its tiny loss on either side (l = -40, t = 0 gives e^-40, not -40 + 40 = 0) and the gradient
    /// t (-sigmoid(-l)) + (1 - t) sigmoid(l) = sigmoid(l) - t keeps it too. Finite for logits of +-1e308;
    /// the gradient is exactly 0 where saturated. Targets must lie in [0, 1] (not checked here).
    /// </summary>
    public static Tensor BernoulliNll(Tensor logits, Tensor targets)
    {
        Check.SameShape(targets, nameof(targets), logits, nameof(logits));
        // Constant targets (the usual case) take the fused primitive, which gives these bits in two passes.
        if (!targets.RequiresGrad && targets.DType == logits.DType) return Ops.BernoulliNllRows(logits, targets);
        var oneMinusT = Ops.AddScalar(Ops.Neg(targets), 1);
        return Ops.Sum(Ops.Add(Ops.Mul(targets, Ops.Softplus(Ops.Neg(logits))), Ops.Mul(oneMinusT, Ops.Softplus(logits))), 1);
    }

    /// <summary>
    /// Gaussian negative log-likelihood per sample, -log N(x; mu, e^logVar) =
    /// 1/2 sum_j [ln 2 pi + logVar_j + (x_j - mu_j)^2 e^-logVar_j], logVar clamped to
    /// [-<see cref="LogVarianceBound"/>, <see cref="LogVarianceBound"/>].
    /// </summary>
    public static Tensor GaussianNll(Tensor x, Tensor mu, Tensor logVar)
    {
        Check.SameShape(x, nameof(x), mu, nameof(mu));
        Check.SameShape(x, nameof(x), logVar, nameof(logVar));
        var lv = ClampLogVariance(logVar);
        var mahalanobis = Ops.Mul(Ops.Square(Ops.Sub(x, mu)), Ops.Exp(Ops.Neg(lv)));
        return Ops.Scale(Ops.AddScalar(Ops.Sum(Ops.Add(lv, mahalanobis), 1), x.Cols * Log2Pi), 0.5);
    }
}
