namespace RepLearn.Claims;

/// <summary>
/// Claim <b>L4-infonce-range</b> (Lecture 4): "InfoNCE &gt;= 0; it equals log(K+1) when all similarities
/// are equal; it is invariant to adding a constant to all logits."
/// Per anchor, with logits l = [s+, s-_1..K] / tau, L = -log softmax(l)_0 = LSE(l) - l_0.
/// <para>
/// Method (exact). Range: on generated batches (N in 1..4 anchors, K in 1..8, width 1..6, zero
/// vectors included, tau in [1e-4, 1e4]) every per-anchor loss of the core (<c>Losses.InfoNce</c>)
/// and the facade's mean are finite and &gt;= 0 — with no tolerance, since the stable LSE is
/// m + log(sum e^(l - m)) with a sum &gt;= e^(l_0 - m) and m &gt;= l_0.
/// Equal similarities: when, for each anchor, the positive and all K negatives are one shared
/// vector, or the anchor is the zero vector, or the positive and negatives are all zero vectors,
/// every logit of the row is the same number l and the loss equals log(K+1) up to the rounding
/// of (l + log(K+1)) - l, i.e. within 4 2^-53 (|l| + log(K+1)), |l| &lt;= 1/tau.
/// Shift invariance is a statement about the log-softmax form, and similarities (cosines) cannot
/// be shifted by a constant, so it is checked at the logit level, on the very expression the core
/// evaluates, <c>Losses.InfoNceFromLogits</c> (which <c>Losses.InfoNce</c> and <c>Losses.NtXent</c> both call):
/// LSE(l + c) - (l_0 + c) = LSE(l) - l_0, for generated rows of K + 1 logits (|l| up to 1e4, the range of
/// sim / tau for tau &gt;= 1e-4) and shifts |c| up to 1e6, within 8 2^-53 (max|l| + |c| + log(K+1)) — the
/// rounding of forming l + c.
/// </para>
/// <para>
/// NT-Xent, the loss the contrastive model trains with (2N views, each row's positive its other view and the other
/// 2N - 2 views its negatives, self-similarity masked to -inf), obeys the same three laws with K + 1 = 2N - 1
/// candidates: on generated view pairs (N in 1..4, width 1..6, zero vectors included, tau in [1e-4, 1e4]) every
/// per-sample loss is finite and &gt;= 0 (no tolerance); when all 2N views are positive multiples of one vector, all
/// zero, or distinct positive multiples of basis vectors (all similarities 1, 0 or 0), it equals log(2N - 1) within
/// 4 2^-53 (1/tau + log(2N - 1)) + 4 (d + 2) 2^-53 / tau (the rounding above, plus a cosine of parallel vectors that
/// misses 1 by the normalisation's (d + 2) ulps moving each logit by at most that over tau); and on its masked logit
/// matrices (2N x 2N, diagonal -inf, positive column (i + N) mod 2N) a shift c of every logit changes
/// <c>InfoNceFromLogits</c> by at most 8 2^-53 (max|l| + |c| + log 2N).
/// </para>
/// </summary>
public static class L4InfoNceRange
{
    private const double U = 1.1102230246251565e-16; // 2^-53

    /// <summary>The claim, its method, and its experiment: the six properties below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L4-infonce-range", 4,
        "InfoNCE >= 0; it equals log(K+1) when all similarities are equal; it is invariant to adding a constant to all logits",
        """
        Exact. InfoNCE (Losses.InfoNce, N in 1..4 anchors, K in 1..8, zero vectors included, tau in [1e-4, 1e4]): every per-anchor loss and the
        facade's mean are finite and >= 0 with no tolerance (the stable LSE is >= the positive's logit); when every similarity of an anchor is
        equal (shared vector, zero anchor, or zero positive and negatives) the loss is log(K+1) within 4 2^-53 (1/tau + log(K+1)). Cosines cannot
        be shifted, so shift invariance is checked on the logit-level entry point both InfoNce and NtXent call, Losses.InfoNceFromLogits: |l| up
        to 1e4, |c| up to 1e6, within 8 2^-53 (max|l| + |c| + log(K+1)), the rounding of l + c. The same three laws for NT-Xent, the loss
        training uses (K + 1 = 2N - 1 candidates): >= 0; log(2N - 1) when all 2N views are parallel, zero or orthogonal, within 4 2^-53 (1/tau +
        log(2N - 1)) + 4 (d + 2) 2^-53 / tau (normalisation rounding); shift invariance of its masked logits (diagonal -inf) within 8 2^-53
        (max|l| + |c| + log 2N).
        """,
        new("anchors with InfoNCE < 0 or not finite", InfoNceIsNonNegative, 200, 1000),
        new("equal-similarity anchors whose InfoNCE is not log(K+1)", InfoNceIsLogKPlusOneWhenSimilaritiesAreEqual, 200, 1000),
        new("logit rows whose loss changes under a common shift", LogSoftmaxLossIsInvariantToShiftingAllLogits, 200, 1000),
        new("views with NT-Xent < 0 or not finite", NtXentIsNonNegative, 200, 1000),
        new("equal-similarity batches whose NT-Xent is not log(2N - 1)", NtXentIsLogTwoNMinusOneWhenSimilaritiesAreEqual, 200, 1000),
        new("NT-Xent logit matrices whose loss changes under a common shift", NtXentLogitsAreInvariantToAShift, 200, 1000));

    internal static Tensor PerAnchor(ContrastiveCase c, double? temperature = null) =>
        Core.InfoNce(Tensor.FromRows(c.Anchors), Tensor.FromRows(c.Positives), Tensor.FromRows(c.Negatives), c.K, temperature ?? c.Temperature);

    internal static double FacadeMean(ContrastiveCase c, double? temperature = null) =>
        Facade.InfoNce(c.Anchors, c.Positives,
            Enumerable.Range(0, c.Anchors.Length).Select(i => c.Negatives.Skip(i * c.K).Take(c.K).ToArray()).ToArray(),
            temperature ?? c.Temperature);

    /// <summary>InfoNCE &gt;= 0 (per anchor, and the facade's mean).</summary>
    public static Property InfoNceIsNonNegative() => Prop.ForAll(ClaimGens.Contrastive.ToArbitrary(), c =>
    {
        var loss = PerAnchor(c);
        for (var i = 0; i < loss.Rows; i++)
        {
            var l = loss[i, 0];
            That(double.IsFinite(l) && l >= 0, () => $"anchor {i}: InfoNCE = {Show(l)}");
        }
        var mean = FacadeMean(c);
        That(double.IsFinite(mean) && mean >= 0, () => $"facade InfoNCE = {Show(mean)}");
    });

    /// <summary>InfoNCE = log(K+1) when all of an anchor's similarities are equal.</summary>
    public static Property InfoNceIsLogKPlusOneWhenSimilaritiesAreEqual() => Prop.ForAll(ClaimGens.EqualSimilarities.ToArbitrary(), c =>
    {
        var expected = Math.Log(c.K + 1);
        var tolerance = 4 * Math.Pow(2, -53) * (1 / c.Temperature + expected);
        var loss = PerAnchor(c);
        for (var i = 0; i < loss.Rows; i++)
            Close(loss[i, 0], expected, tolerance, $"anchor {i}: InfoNCE vs log(K+1)");
        Close(FacadeMean(c), expected, tolerance, "facade InfoNCE vs log(K+1)");
    });

    /// <summary>
    /// LSE(l + c) - (l_0 + c) = LSE(l) - l_0 through <c>Losses.InfoNceFromLogits</c>: the loss depends on the logits only up
    /// to a common shift.
    /// </summary>
    public static Property LogSoftmaxLossIsInvariantToShiftingAllLogits() => Prop.ForAll(ClaimGens.Logits.ToArbitrary(), c =>
    {
        var logits = Tensor.FromRows(c.Logits);
        var shifted = Ops.AddScalar(logits, c.Shift);
        var positives = new int[logits.Rows];
        var loss = Core.InfoNceFromLogits(logits, positives);
        var lossShifted = Core.InfoNceFromLogits(shifted, positives);
        for (var r = 0; r < logits.Rows; r++)
        {
            var maxAbs = c.Logits[r].Max(Math.Abs);
            var tolerance = 8 * Math.Pow(2, -53) * (maxAbs + Math.Abs(c.Shift) + Math.Log(logits.Cols));
            That(loss[r, 0] >= 0 && lossShifted[r, 0] >= 0, () => $"row {r}: loss {Show(loss[r, 0])}, shifted {Show(lossShifted[r, 0])}");
            Close(lossShifted[r, 0], loss[r, 0], tolerance, $"row {r}: LSE(l + c) - (l_0 + c) vs LSE(l) - l_0");
        }
    });
    // ---- NT-Xent, the loss the contrastive model trains with ----

    // NT-Xent needs N >= 2 samples (each one's negatives are the others' views); one row is refused by the library.
    private static readonly Gen<NtXentCase> Views =
        ClaimGens.PositivePairs(maxPairs: 4).Select(p => new NtXentCase(p.First, p.Second, p.Temperature, "any"));

    /// <summary>All 2N views with equal pairwise similarities: positive multiples of one vector, all zero, or scaled distinct basis vectors.</summary>
    private static readonly Gen<NtXentCase> EqualSimilarityViews =
        from n in Gen.Choose(2, 4)
        from d in Gen.Choose(1, 8)
        from kind in Gen.Elements("parallel", "zero", "orthogonal")
        from v in Gen.ArrayOf(ClaimGens.Entry, d).Where(x => ClaimGens.Norm(x) >= 1e-3)
        from scales in Gen.ArrayOf(ClaimGens.LogUniform(-2, 2), 2 * n)
        from axes in Gen.Shuffle(Enumerable.Range(0, Math.Max(d, 2 * n)).ToArray())
        from tau in ClaimGens.Temperature
        select EqualViews(kind == "orthogonal" && 2 * n > d ? "parallel" : kind, n, d, v, scales, axes, tau);

    private static NtXentCase EqualViews(string kind, int n, int d, double[] v, double[] scales, int[] axes, double tau)
    {
        var views = Enumerable.Range(0, 2 * n).Select(i => kind switch
        {
            "parallel" => v.Select(x => scales[i] * x).ToArray(),
            "orthogonal" => Enumerable.Range(0, d).Select(j => j == axes[i] ? scales[i] : 0.0).ToArray(),
            _ => new double[d],
        }).ToArray();
        return new NtXentCase(views[..n], views[n..], tau, kind);
    }

    /// <summary>2N x 2N logits (|l| up to 1e4) with the diagonal masked to -inf, as NT-Xent forms them, and a shift c.</summary>
    private static readonly Gen<LogitsCase> NtXentLogits =
        from n in Gen.Choose(1, 4)
        from scale in ClaimGens.LogUniform(-2, 4)
        from logits in ClaimGens.Matrix(2 * n, 2 * n, ClaimGens.Uniform(-1, 1).Select(u => u * scale))
        from c in Gen.Frequency((1, Gen.Constant(0.0)), (6, ClaimGens.Signed(ClaimGens.LogUniform(-3, 6))))
        select new LogitsCase(logits.Select((row, i) => row.Select((x, j) => i == j ? double.NegativeInfinity : x).ToArray()).ToArray(), c);

    private static int[] OtherView(int n) => [.. Enumerable.Range(0, 2 * n).Select(i => (i + n) % (2 * n))];

    /// <summary>NT-Xent &gt;= 0 and finite for every sample (and the facade's mean).</summary>
    public static Property NtXentIsNonNegative() => Prop.ForAll(Views.ToArbitrary(), c =>
    {
        var loss = Core.NtXent(Tensor.FromRows(c.ViewA), Tensor.FromRows(c.ViewB), c.Temperature);
        for (var i = 0; i < loss.Rows; i++)
        {
            var l = loss[i, 0];
            That(double.IsFinite(l) && l >= 0, () => $"sample {i}: NT-Xent = {Show(l)}");
        }
        var mean = Facade.NtXent(c.ViewA, c.ViewB, c.Temperature);
        That(double.IsFinite(mean) && mean >= 0, () => $"facade NT-Xent = {Show(mean)}");
    });

    /// <summary>NT-Xent = log(2N - 1) for every sample when all pairwise similarities of the 2N views are equal.</summary>
    public static Property NtXentIsLogTwoNMinusOneWhenSimilaritiesAreEqual() => Prop.ForAll(EqualSimilarityViews.ToArbitrary(), c =>
    {
        var n = c.ViewA.Length;
        var d = c.ViewA[0].Length;
        var expected = Math.Log(2 * n - 1);
        var tolerance = 4 * U * (1 / c.Temperature + expected) + 4 * (d + 2) * U / c.Temperature;
        var loss = Core.NtXent(Tensor.FromRows(c.ViewA), Tensor.FromRows(c.ViewB), c.Temperature);
        for (var i = 0; i < loss.Rows; i++)
            Close(loss[i, 0], expected, tolerance, $"sample {i} ({c.Kind} views): NT-Xent vs log(2N - 1)");
        // the facade's mean of 2N equal values adds at most 2N roundings of log(2N - 1)
        Close(Facade.NtXent(c.ViewA, c.ViewB, c.Temperature), expected, tolerance + 2 * n * U * expected, $"facade NT-Xent ({c.Kind} views) vs log(2N - 1)");
    });

    /// <summary>NT-Xent's masked logits: <c>InfoNceFromLogits</c>(l + c, other view) = <c>InfoNceFromLogits</c>(l, other view).</summary>
    public static Property NtXentLogitsAreInvariantToAShift() => Prop.ForAll(NtXentLogits.ToArbitrary(), c =>
    {
        var n = c.Logits.Length / 2;
        var logits = Tensor.FromRows(c.Logits);
        var positives = OtherView(n);
        var loss = Core.InfoNceFromLogits(logits, positives);
        var lossShifted = Core.InfoNceFromLogits(Ops.AddScalar(logits, c.Shift), positives);
        for (var r = 0; r < logits.Rows; r++)
        {
            var maxAbs = c.Logits[r].Where(double.IsFinite).Max(Math.Abs);
            var tolerance = 8 * U * (maxAbs + Math.Abs(c.Shift) + Math.Log(2 * n));
            That(loss[r, 0] >= 0 && lossShifted[r, 0] >= 0, () => $"row {r}: loss {Show(loss[r, 0])}, shifted {Show(lossShifted[r, 0])}");
            Close(lossShifted[r, 0], loss[r, 0], tolerance, $"row {r}: NT-Xent logits shifted by c vs unshifted");
        }
    });
}

/// <summary>NT-Xent's two views (N x d each), a temperature, and how the case was built (for messages).</summary>
public sealed record NtXentCase(double[][] ViewA, double[][] ViewB, double Temperature, string Kind)
{
    /// <inheritdoc />
    public override string ToString() => $"NtXentCase({Kind}, tau = {Show(Temperature)}, viewA = {Show(ViewA)}, viewB = {Show(ViewB)})";
}
