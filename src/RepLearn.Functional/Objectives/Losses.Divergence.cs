namespace RepLearn.Functional.Objectives;

public static partial class Losses
{
    /// <summary>
    /// Per-dimension KL(N(mu, e^logVar) || N(0, 1)) = 1/2 (mu^2 + e^logVar - logVar - 1), evaluated as
    /// 1/2 (mu^2 + g(logVar)) with g(x) = e^x - 1 - x computed without cancellation (<see cref="Ops.Expm1MinusX"/>),
    /// so it is exactly 0 at mu = 0, logVar = 0 and accurate to rounding near it.
    /// Result n x d, each entry &gt;= 0.
    /// </summary>
    public static Tensor GaussianKlPerDimension(Tensor mu, Tensor logVar)
    {
        Check.SameShape(mu, nameof(mu), logVar, nameof(logVar));
        var lv = ClampLogVariance(logVar);
        return Ops.Scale(Ops.Add(Ops.Square(mu), Ops.Expm1MinusX(lv)), 0.5);
    }

    /// <summary>
    /// KL(N(mu, diag e^logVar) || N(0, I)) per sample = 1/2 sum_j (mu_j^2 + sigma_j^2 - log sigma_j^2 - 1)
    /// (Lecture 3's closed form; Kingma and Welling 2014, appendix B). Result n x 1.
    /// </summary>
    public static Tensor GaussianKl(Tensor mu, Tensor logVar) => Ops.Sum(GaussianKlPerDimension(mu, logVar), 1);

    /// <summary>
    /// KL(N(mu1, diag e^logVar1) || N(mu2, diag e^logVar2)) per sample =
    /// 1/2 sum_j [e^(lv1 - lv2) - 1 - (lv1 - lv2) + (mu1 - mu2)^2 e^-lv2], the first three terms as one
    /// cancellation-free <see cref="Ops.Expm1MinusX"/> of d = lv1 - lv2.
    /// </summary>
    public static Tensor GaussianKl(Tensor mu1, Tensor logVar1, Tensor mu2, Tensor logVar2)
    {
        Check.SameShape(mu1, nameof(mu1), logVar1, nameof(logVar1));
        Check.SameShape(mu1, nameof(mu1), mu2, nameof(mu2));
        Check.SameShape(mu1, nameof(mu1), logVar2, nameof(logVar2));
        var lv1 = ClampLogVariance(logVar1);
        var lv2 = ClampLogVariance(logVar2);
        var meanTerm = Ops.Mul(Ops.Square(Ops.Sub(mu1, mu2)), Ops.Exp(Ops.Neg(lv2)));
        return Ops.Scale(Ops.Sum(Ops.Add(Ops.Expm1MinusX(Ops.Sub(lv1, lv2)), meanTerm), 1), 0.5);
    }

    /// <summary>
    /// The reparameterisation trick (Lecture 3): z = mu + sigma * eps with sigma = e^(logVar / 2) and
    /// eps ~ N(0, I) drawn from <paramref name="key"/>; gradients flow through mu and sigma. logVar is clamped
    /// as in the KL (to +-<see cref="LogVarianceBound"/>), so sigma stays finite.
    /// </summary>
    public static Tensor Reparameterize(Tensor mu, Tensor logVar, Key key)
    {
        Check.SameShape(mu, nameof(mu), logVar, nameof(logVar));
        var eps = Sample.Normal(key, mu.Rows, mu.Cols, mu.DType);
        var lv = ClampLogVariance(logVar);
        return Ops.Add(mu, Ops.Mul(Ops.Exp(Ops.Scale(lv, 0.5)), eps));
    }
}
