namespace RepLearn.Claims;

/// <summary>
/// Claim <b>L4-cosine</b> (Lecture 4): "sim(u, v) is in [-1, 1], symmetric, invariant to positive
/// scaling, sign-flipping under negation; a zero vector gives 0, not NaN."
/// sim(u, v) = u.v / (max(||u||, eps) max(||v||, eps)), eps = 1e-12, clamped to [-1, 1].
/// <para>
/// Method (exact), on generated vectors of length 1..16 (entries moderate, zero, or spread over six
/// decades, whole vectors scaled by 10^-150..10^150, zero vectors included), through the core
/// (<c>Losses.CosineSimilarity</c>) and the facade:
/// range — sim is finite and in [-1, 1]; symmetry — sim(u, v) == sim(v, u) bit for bit;
/// negation — sim(-u, v) == sim(u, -v) == -sim(u, v) bit for bit (every step of the computation is
/// odd in u); zero vector — sim(0, v) == sim(v, 0) == 0 and the gradient from
/// <c>Grad.ValueAndGrad</c> with respect to either argument is finite.
/// Positive scaling — sim(a u, b v) = sim(u, v) for a, b in [1e-4, 1e4] — holds only while the norms
/// stay above the eps floor and ||x||^2 does not overflow, so it is checked on vectors with
/// 1e-3 &lt;= ||x|| &lt;= ~1e4 (scaled norms in [1e-7, 1e8]); there the two values agree to
/// 8 (d + 2) 2^-53 (the rounding of a normalise-then-dot of length d), absolute, as |sim| &lt;= 1.
/// </para>
/// </summary>
public static class L4Cosine
{
    /// <summary>The claim, its method, and its experiment: the five properties below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L4-cosine", 4,
        "sim(u, v) is in [-1, 1], symmetric, invariant to positive scaling, sign-flipping under negation; a zero vector gives 0, not NaN",
        """
        Exact, on generated vectors of length 1..16 (entries moderate, zero or spread over six decades, whole vectors scaled by 10^-150..10^150,
        zero vectors included), through the core Losses.CosineSimilarity and the facade: sim is finite and in [-1, 1]; sim(u, v) == sim(v, u) and
        sim(-u, v) == sim(u, -v) == -sim(u, v) bit for bit; sim(0, v) == sim(v, 0) == 0 with a finite gradient for both arguments. Positive
        scaling holds only while norms stay above the 1e-12 floor and ||x||^2 does not overflow, so sim(a u, b v) = sim(u, v) is checked for 1e-3
        <= ||x|| <= ~1e4 and a, b in [1e-4, 1e4], within 8 (d + 2) 2^-53 (the rounding of a normalise-then-dot of length d).
        """,
        new("pairs whose sim is not in [-1, 1]", SimilarityIsInUnitInterval, 200, 1000),
        new("pairs with sim(u, v) != sim(v, u)", SimilarityIsSymmetric, 200, 1000),
        new("pairs whose sim does not flip sign under negation", SimilarityFlipsSignUnderNegation, 200, 1000),
        new("pairs whose sim changes under positive scaling", SimilarityIsInvariantToPositiveScaling, 200, 1000),
        new("zero-vector cases not giving 0 with a finite gradient", ZeroVectorGivesZeroAndFiniteGradient, 100, 500));

    private static double Sim(double[] u, double[] v) => Core.CosineSimilarity(Tensor.RowVector(u), Tensor.RowVector(v))[0, 0];

    private static double[] Negate(double[] x) => x.Select(v => -v).ToArray();

    /// <summary>sim(u, v) is finite and in [-1, 1], in the core and in the facade.</summary>
    public static Property SimilarityIsInUnitInterval() => Prop.ForAll(ClaimGens.AnyVectorPair.ToArbitrary(), c =>
    {
        var s = Sim(c.U, c.V);
        That(double.IsFinite(s) && s >= -1 && s <= 1, () => $"sim = {Show(s)} is not in [-1, 1]");
        var f = Facade.CosineSimilarity(c.U, c.V);
        That(double.IsFinite(f) && f >= -1 && f <= 1, () => $"facade sim = {Show(f)} is not in [-1, 1]");
    });

    /// <summary>sim(u, v) == sim(v, u).</summary>
    public static Property SimilarityIsSymmetric() => Prop.ForAll(ClaimGens.AnyVectorPair.ToArbitrary(), c =>
    {
        var (uv, vu) = (Sim(c.U, c.V), Sim(c.V, c.U));
        That(uv == vu, () => $"sim(u, v) = {Show(uv)} but sim(v, u) = {Show(vu)}");
    });

    /// <summary>sim(-u, v) == sim(u, -v) == -sim(u, v).</summary>
    public static Property SimilarityFlipsSignUnderNegation() => Prop.ForAll(ClaimGens.AnyVectorPair.ToArbitrary(), c =>
    {
        var s = Sim(c.U, c.V);
        var left = Sim(Negate(c.U), c.V);
        var right = Sim(c.U, Negate(c.V));
        That(left == -s && right == -s, () => $"sim(u, v) = {Show(s)}, sim(-u, v) = {Show(left)}, sim(u, -v) = {Show(right)}");
    });

    /// <summary>sim(a u, b v) = sim(u, v) for positive a, b (norms within the sane range).</summary>
    public static Property SimilarityIsInvariantToPositiveScaling() => Prop.ForAll(ClaimGens.SaneVectorPair.ToArbitrary(), c =>
    {
        var s = Sim(c.U, c.V);
        var scaled = Sim(c.U.Select(x => c.A * x).ToArray(), c.V.Select(x => c.B * x).ToArray());
        Close(scaled, s, 8 * (c.U.Length + 2) * Math.Pow(2, -53), "sim(a u, b v) vs sim(u, v)");
        var facade = Facade.CosineSimilarity(c.U.Select(x => c.A * x).ToArray(), c.V.Select(x => c.B * x).ToArray());
        Close(facade, s, 8 * (c.U.Length + 2) * Math.Pow(2, -53), "facade sim(a u, b v) vs sim(u, v)");
    });

    /// <summary>A zero vector (either argument, or both) gives exactly 0 and a finite gradient for both arguments.</summary>
    public static Property ZeroVectorGivesZeroAndFiniteGradient() => Prop.ForAll(ClaimGens.AnyVectorPair.ToArbitrary(), c =>
    {
        var zero = new double[c.U.Length];
        foreach (var (u, v, what) in new[] { (zero, c.V, "sim(0, v)"), (c.U, zero, "sim(u, 0)"), (zero, zero, "sim(0, 0)") })
        {
            var s = Sim(u, v);
            That(s == 0, () => $"{what} = {Show(s)}, expected 0");
            That(Facade.CosineSimilarity(u, v) == 0, () => $"facade {what} = {Show(Facade.CosineSimilarity(u, v))}, expected 0");
            var (vu, gu) = Grad.ValueAndGrad(x => Ops.Sum(Core.CosineSimilarity(x, Tensor.RowVector(v))), Tensor.RowVector(u));
            var (vv, gv) = Grad.ValueAndGrad(y => Ops.Sum(Core.CosineSimilarity(Tensor.RowVector(u), y)), Tensor.RowVector(v));
            That(vu == 0 && vv == 0, () => $"{what}: ValueAndGrad values {Show(vu)}, {Show(vv)}, expected 0");
            That(gu.AllFinite() && gv.AllFinite(), () =>
                $"{what}: gradient not finite: d/du = {Show(gu.ToArray())}, d/dv = {Show(gv.ToArray())}");
        }
    });
}
