namespace RepLearn.Claims;

/// <summary>
/// Claim <b>L3-kl-nonneg</b> (Lecture 3): "KL(N(mu, sigma^2 I) || N(0, I)) &gt;= 0, with equality iff
/// mu = 0 and sigma = 1."
/// <para>
/// Method (exact): for every finite generated mu and log-variance — zeros of both signs, moderate
/// values, subnormal to 1e100 means (so mu^2 stays finite), log-variances from subnormal up to
/// +-1.8e308 including the clamp edges +-700 and the overflow edges 709.78 and -745 — the per-sample
/// KL of the core (<c>Losses.GaussianKl</c>), every per-dimension term, and the facade's value are
/// finite and &gt;= 0. Equality: at mu = 0, logVar = 0 the KL is exactly 0.0 (not merely small). The
/// converse is checked on perturbations the closed form can resolve in double: some |mu_j| &gt;= 1e-150
/// (so mu_j^2 is a normal number) or some |logVar_j| &gt;= 1e-10 (so expm1(x) - x ~ x^2/2 &gt;= 5e-21
/// dwarfs expm1's few-ulp error ~1e-26); there the KL is strictly &gt; 0. Below those sizes the true KL
/// (mu^2/2 or x^2/4) underflows or drops under the rounding of x itself, so 0 is the correctly rounded
/// answer and only &gt;= 0 is claimed.
/// </para>
/// </summary>
public static class L3KlNonNeg
{
    /// <summary>The claim, its method, and its experiment: the three properties below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L3-kl-nonneg", 3,
        "KL(N(mu, sigma^2 I) || N(0, I)) >= 0, with equality iff mu = 0 and sigma = 1",
        """
        Exact, on generated inputs: every finite mu and log-variance (zeros of both signs, subnormal to 1e100 means, log-variances up to
        +-1.8e308 with the clamp edges +-700) gives a finite KL >= 0 per sample, per dimension and through the facade; mu = 0, logVar = 0 gives
        exactly 0.0; perturbations the closed form can resolve in double (|mu_j| >= 1e-150 or |logVar_j| >= 1e-10) give KL > 0.
        """,
        new("rows with a KL < 0 or not finite", KlIsFiniteAndNonNegative, 200, 1000),
        new("standard normals whose KL is not exactly 0", KlIsExactlyZeroAtTheStandardNormal, 50, 200),
        new("perturbed normals whose KL is not > 0", KlIsStrictlyPositiveOffTheStandardNormal, 200, 1000));

    /// <summary>KL (per sample and per dimension) is finite and &gt;= 0 for every finite input.</summary>
    public static Property KlIsFiniteAndNonNegative() => Prop.ForAll(ClaimGens.AnyGaussian.ToArbitrary(), c =>
    {
        var mu = Tensor.FromRows(c.Mu);
        var lv = Tensor.FromRows(c.LogVar);
        var perDim = Core.GaussianKlPerDimension(mu, lv);
        for (var r = 0; r < perDim.Rows; r++)
            for (var j = 0; j < perDim.Cols; j++)
            {
                var term = perDim[r, j];
                That(double.IsFinite(term) && term >= 0, () =>
                    $"per-dimension KL[{r},{j}] = {Show(term)} for mu = {Show(c.Mu[r][j])}, logVar = {Show(c.LogVar[r][j])}");
            }
        var kl = Core.GaussianKl(mu, lv);
        for (var r = 0; r < kl.Rows; r++)
        {
            var value = kl[r, 0];
            That(double.IsFinite(value) && value >= 0, () => $"KL of row {r} = {Show(value)}");
            var facade = Facade.GaussianKl(c.Mu[r], c.LogVar[r]);
            That(double.IsFinite(facade) && facade >= 0, () => $"facade KL of row {r} = {Show(facade)}");
        }
    });

    /// <summary>KL is exactly 0 at mu = 0, logVar = 0 (sigma = 1), for either sign of zero.</summary>
    public static Property KlIsExactlyZeroAtTheStandardNormal() => Prop.ForAll(ClaimGens.StandardNormal.ToArbitrary(), c =>
    {
        var kl = Core.GaussianKl(Tensor.FromRows(c.Mu), Tensor.FromRows(c.LogVar));
        for (var r = 0; r < kl.Rows; r++)
        {
            var value = kl[r, 0];
            That(value == 0.0, () => $"KL of row {r} = {Show(value)}, expected exactly 0");
            var facade = Facade.GaussianKl(c.Mu[r], c.LogVar[r]);
            That(facade == 0.0, () => $"facade KL of row {r} = {Show(facade)}, expected exactly 0");
        }
    });

    /// <summary>KL is strictly positive when some mu_j or logVar_j is (visibly) non-zero.</summary>
    public static Property KlIsStrictlyPositiveOffTheStandardNormal() => Prop.ForAll(ClaimGens.PerturbedGaussian.ToArbitrary(), c =>
    {
        var value = Core.GaussianKl(Tensor.FromRows(c.Mu), Tensor.FromRows(c.LogVar))[0, 0];
        That(value > 0 && double.IsFinite(value), () => $"KL = {Show(value)}, expected finite and > 0");
        var facade = Facade.GaussianKl(c.Mu[0], c.LogVar[0]);
        That(facade > 0 && double.IsFinite(facade), () => $"facade KL = {Show(facade)}, expected finite and > 0");
    });
}
