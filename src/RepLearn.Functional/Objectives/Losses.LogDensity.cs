namespace RepLearn.Functional.Objectives;

public static partial class Losses
{
    /// <summary>
    /// Element-wise Gaussian log-density log N(z; mu, e^logVar) = -1/2 [ln 2 pi + logVar + (z - mu)^2 e^-logVar],
    /// with broadcasting (z, mu and logVar may be r x c, r x 1 or 1 x c), logVar clamped to +-<see cref="LogVarianceBound"/>.
    /// Not summed: the caller sums over dimensions for a diagonal Gaussian, or keeps them apart for marginals.
    /// </summary>
    public static Tensor GaussianLogDensity(Tensor z, Tensor mu, Tensor logVar)
    {
        var lv = ClampLogVariance(logVar);
        var mahalanobis = Ops.Mul(Ops.Square(Ops.Sub(z, mu)), Ops.Exp(Ops.Neg(lv)));
        return Ops.Scale(Ops.AddScalar(Ops.Add(mahalanobis, lv), Log2Pi), -0.5);
    }

    /// <summary>
    /// log N(z; 0, I) per sample = -1/2 sum_j (z_j^2 + ln 2 pi), the prior of Lecture 3. Result n x 1.
    /// </summary>
    public static Tensor StandardNormalLogDensity(Tensor z) =>
        Ops.Scale(Ops.AddScalar(Ops.Sum(Ops.Square(z), 1), z.Cols * Log2Pi), -0.5);

    /// <summary>
    /// log q(z | x) per sample for a reparameterised draw z = mu + sigma * eps (see <see cref="Reparameterize"/>):
    /// log N(z; mu, diag sigma^2) = -1/2 sum_j (ln 2 pi + logVar_j + eps_j^2), since (z - mu) / sigma = eps.
    /// Written in eps, it has no cancellation however small sigma is; its total derivative along z = mu + sigma eps
    /// is that of the density at z. logVar is clamped as in <see cref="Reparameterize"/>. Result n x 1.
    /// </summary>
    public static Tensor ReparameterizedLogDensity(Tensor eps, Tensor logVar)
    {
        Check.SameShape(eps, nameof(eps), logVar, nameof(logVar));
        var lv = ClampLogVariance(logVar);
        return Ops.Scale(Ops.AddScalar(Ops.Sum(Ops.Add(lv, Ops.Square(eps)), 1), eps.Cols * Log2Pi), -0.5);
    }
}
