namespace RepLearn.Claims;

/// <summary>
/// Claim <b>L4-temperature</b> (Lecture 4): "As tau -&gt; 0 the loss tends to the largest margin
/// violation (hardest negative); as tau grows it tends to log(K+1)."
/// <para>
/// Method (exact limits on generated similarities). Vectors are generated (as in L4-infonce-range)
/// and their similarities s+ = sim(a, p), s-_k = sim(a, n_k) computed with
/// <c>Losses.CosineSimilarity</c>, independently of the loss. With l = [s+, s-_1..K] / tau and
/// LSE(l) between max l and max l + log(K+1):
/// small tau — tau L = tau LSE(l) - s+ lies in [v, v + tau log(K+1)], where
/// v = max(0, max_k s-_k - s+) is the largest margin violation, so tau L -&gt; v with an error of at
/// most tau log(K+1); checked at tau = 1e-1, 1e-2, 1e-3 and 1e-4 (rounding slack 1e-12, the error
/// of the logits' ~1e4 magnitude times tau);
/// large tau — L - log(K+1) lies in [min l - l_0, max l - l_0], so |L - log(K+1)| &lt;= (max s - min s) / tau
/// &lt;= 2 / tau -&gt; 0; checked at tau = 1e2, 1e4 and 1e6 (slack 4 2^-53 log(K+1)).
/// </para>
/// </summary>
public static class L4Temperature
{
    /// <summary>The claim, its method, and its experiment: the two limits below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L4-temperature", 4,
        "As tau -> 0 the loss tends to the largest margin violation (hardest negative); as tau grows it tends to log(K+1)",
        """
        Exact limits on generated similarities (vectors as in L4-infonce-range; s+ = sim(a, p), s-_k = sim(a, n_k) from Losses.CosineSimilarity,
        independently of the loss). With l = [s+, s-_1..K] / tau and max l <= LSE(l) <= max l + log(K+1): small tau - tau L lies in [v, v + tau
        log(K+1)], v = max(0, max_k s-_k - s+) the largest margin violation, at tau = 1e-1, 1e-2, 1e-3, 1e-4 (rounding slack 1e-12); large tau -
        |L - log(K+1)| <= (max s - min s) / tau <= 2 / tau at tau = 1e2, 1e4, 1e6 (slack 4 2^-53 log(K+1)).
        """,
        new("anchors whose tau L is not within tau log(K+1) above the largest margin violation", SmallTemperatureGivesTheLargestMarginViolation, 100, 500),
        new("anchors whose loss is not within (max s - min s) / tau of log(K+1)", LargeTemperatureGivesLogKPlusOne, 100, 500));

    private static readonly double[] SmallTemperatures = [1e-1, 1e-2, 1e-3, 1e-4];
    private static readonly double[] LargeTemperatures = [1e2, 1e4, 1e6];

    private static (double Positive, double[] Negatives)[] Similarities(ContrastiveCase c)
    {
        var anchors = Tensor.FromRows(c.Anchors);
        var positive = Core.CosineSimilarity(anchors, Tensor.FromRows(c.Positives));
        return Enumerable.Range(0, c.Anchors.Length).Select(i =>
        {
            var a = Tensor.FromRows(Enumerable.Repeat(c.Anchors[i], c.K).ToArray());
            var negative = Core.CosineSimilarity(a, Tensor.FromRows(c.Negatives.Skip(i * c.K).Take(c.K).ToArray()));
            return (positive[i, 0], Enumerable.Range(0, c.K).Select(k => negative[k, 0]).ToArray());
        }).ToArray();
    }

    /// <summary>tau L -&gt; max(0, max_k s-_k - s+) as tau -&gt; 0, within tau log(K+1).</summary>
    public static Property SmallTemperatureGivesTheLargestMarginViolation() => Prop.ForAll(ClaimGens.Contrastive.ToArbitrary(), c =>
    {
        var sims = Similarities(c);
        foreach (var tau in SmallTemperatures)
        {
            var loss = L4InfoNceRange.PerAnchor(c, tau);
            for (var i = 0; i < sims.Length; i++)
            {
                var (sp, sn) = sims[i];
                var violation = Math.Max(0, sn.Max() - sp);
                var scaled = tau * loss[i, 0];
                var gap = tau * Math.Log(c.K + 1);
                That(scaled >= violation - 1e-12 && scaled <= violation + gap + 1e-12, () =>
                    $"tau = {Show(tau)}, anchor {i}: tau L = {Show(scaled)} is not in [v, v + tau log(K+1)] = " +
                    $"[{Show(violation)}, {Show(violation + gap)}] (s+ = {Show(sp)}, s- = {Show(sn)})");
            }
        }
    });

    /// <summary>L -&gt; log(K+1) as tau grows, within (max s - min s) / tau.</summary>
    public static Property LargeTemperatureGivesLogKPlusOne() => Prop.ForAll(ClaimGens.Contrastive.ToArbitrary(), c =>
    {
        var sims = Similarities(c);
        var logK1 = Math.Log(c.K + 1);
        foreach (var tau in LargeTemperatures)
        {
            var loss = L4InfoNceRange.PerAnchor(c, tau);
            for (var i = 0; i < sims.Length; i++)
            {
                var all = sims[i].Negatives.Append(sims[i].Positive).ToArray();
                var bound = (all.Max() - all.Min()) / tau + 4 * Math.Pow(2, -53) * logK1;
                That(bound <= 2 / tau + 4 * Math.Pow(2, -53) * logK1, () => $"similarities outside [-1, 1]: {Show(all)}");
                Close(loss[i, 0], logK1, bound, $"tau = {Show(tau)}, anchor {i}: InfoNCE vs log(K+1)");
            }
        }
    });
}
