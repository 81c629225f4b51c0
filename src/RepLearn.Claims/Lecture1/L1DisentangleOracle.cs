namespace RepLearn.Claims;

/// <summary>
/// Claim <b>L1-disentangle-oracle</b> (Lecture 1): "A representation equal to the true factors is perfectly
/// disentangled; a random or constant one is not."
/// <para>
/// Method (disentanglement_lib's own test oracles, fixed seeds): on 4,000 procedural shapes
/// (<see cref="Shapes.Generate"/>, five independent factors), the Mutual Information Gap
/// (<see cref="MutualInformationGap"/>, 20 bins) of the factors themselves is &gt;= 0.9 and their Gaussian total
/// correlation is &lt;= 0.01 nats (independent axes); Gaussian noise of the same width, and a constant code, score
/// MIG &lt;= 0.2.
/// </para>
/// <para>
/// Control (information kept, axes mixed): the factors, standardised, with a sixth independent column (uniform on 8 values,
/// standardised) so that every factor has a partner, rotated by 45 degrees in pairs (shape, scale), (orientation, posX),
/// (posY, partner). The code still determines every factor (H(v_k | z) = 0, checked), but each factor is spread equally over
/// two axes: by the symmetry of the standardised factors (b -&gt; -b preserves their law), (v, (a + b)/sqrt 2) and
/// (v, (a - b)/sqrt 2) have the same distribution, so the population gap is exactly 0 and MIG must be &lt;= 0.05
/// (sampling noise only; a MIG that measured information rather than its concentration on one axis, e.g. one that forgot to
/// subtract the second-best axis, scores about 0.41 here: the mean share of a factor's entropy on its best axis). The MIG of a Haar-random 5-D rotation of the factors is reported.
/// </para>
/// <para>
/// Budgets: Full is today's experiment with its fixed seeds (shapes 41, noise 42; the control's partner and rotation 43),
/// ignoring the claim's key. Quick draws 2,000 shapes, the noise and the control from the claim's key.
/// </para>
/// </summary>
public static class L1DisentangleOracle
{
    /// <summary>Largest MIG the 45-degree control may score: its population gap is 0, so this is room for sampling noise.</summary>
    public const double MixedControlMaxMig = 0.05;

    /// <summary>The claim, its method, and its experiment.</summary>
    public static Claim Claim { get; } = new("L1-disentangle-oracle", 1,
        "A representation equal to the true factors is perfectly disentangled; a random or constant one is not",
        """
        MIG (20 equal-width bins, plug-in MI, gap between the two most informative axes over H(v_k), averaged over factors) and Gaussian total
        correlation on the procedural shapes (five independent factors): the factors themselves score MIG >= 0.9 and TC <= 0.01 nats; Gaussian
        noise of the same width and a constant code score MIG <= 0.2 (disentanglement_lib's own test oracles). Control: the standardised factors
        (with an independent partner column) rotated 45 degrees in pairs keep all the information (H(v | z) = 0) but spread each factor equally
        over two axes, so the population gap is exactly 0: MIG <= 0.05 (sampling noise). Full: 4,000 shapes with today's fixed seeds; Quick:
        2,000 shapes from the claim's key.
        """,
        ClaimKind.Statistical,
        Experiment);

    private static ClaimResult Experiment(ClaimContext cx)
    {
        var (data, noiseKey, controlKey) = cx.Budget == Budget.Full
            ? (Shapes.Generate(Key.FromSeed(41), 4000), Key.FromSeed(42), Key.FromSeed(43))
            : (Shapes.Generate(cx.Key.FoldIn(0), 2000), cx.Key.FoldIn(1), cx.Key.FoldIn(2));
        return ClaimResult.Of([.. TrueFactors(data), .. RandomAndConstantCodes(data, noiseKey), .. MixedFactors(data, controlKey)]);
    }

    private static int[][] FactorColumns(ShapesData data) => [.. Enumerable.Range(0, data.FactorSizes.Length).Select(data.Factor)];

    /// <summary>The factors as the code: MIG &gt;= 0.9 and Gaussian total correlation &lt;= 0.01 nats.</summary>
    public static IReadOnlyList<Measurement> TrueFactors(ShapesData data)
    {
        var codes = data.FactorTensor();
        var mig = MutualInformationGap.Compute(codes, FactorColumns(data));
        var tc = GaussianInformation.TotalCorrelation(Covariance(codes));
        return
        [
            Measure.AtLeast($"true factors as the code ({data.Count} shapes): MIG", mig, 0.9),
            Measure.AtMost("true factors as the code: Gaussian total correlation (nats)", tc, 0.01),
        ];
    }

    /// <summary>Gaussian noise of the factors' width, and a constant code: MIG &lt;= 0.2 each.</summary>
    public static IReadOnlyList<Measurement> RandomAndConstantCodes(ShapesData data, Key noiseKey)
    {
        var factors = FactorColumns(data);
        var random = MutualInformationGap.Compute(Sample.Normal(noiseKey, data.Count, factors.Length), factors);
        var constant = MutualInformationGap.Compute(Tensor.Filled(data.Count, factors.Length, 0.5), factors);
        return
        [
            Measure.AtMost("random codes (Gaussian noise): MIG", random, 0.2),
            Measure.AtMost("constant code: MIG", constant, 0.2),
        ];
    }

    /// <summary>
    /// The control: the standardised factors and an independent partner rotated 45 degrees in pairs keep all the information
    /// (max_k H(v_k | z) = 0) but score MIG &lt;= <see cref="MixedControlMaxMig"/>; a Haar-random rotation's MIG is reported.
    /// </summary>
    public static IReadOnlyList<Measurement> MixedFactors(ShapesData data, Key key)
    {
        var factors = FactorColumns(data);
        var sizes = data.FactorSizes;
        var (partnerKey, rotationKey) = key.Split();
        var partner = Sample.Integers(partnerKey, data.Count, 8);
        // Population standardisation of a uniform variable on 0..m-1: mean (m - 1)/2, variance (m^2 - 1)/12.
        static double Standard(int v, int m) => (v - (m - 1) / 2.0) / Math.Sqrt((m * (double)m - 1) / 12);
        var columns = factors.Select((f, k) => f.Select(v => Standard(v, sizes[k])).ToArray()).Append(partner.Select(v => Standard(v, 8)).ToArray()).ToArray();
        var h = Math.Sqrt(0.5);
        var mixed = Tensor.Create(data.Count, columns.Length, (i, j) =>
        {
            var (a, b) = (columns[j & ~1][i], columns[j | 1][i]);
            return (j & 1) == 0 ? h * (a + b) : h * (a - b);
        });
        var mixedMig = MutualInformationGap.Compute(mixed, factors);
        var symbols = DiscreteInformation.RowSymbols(mixed);
        var lost = factors.Max(f => DiscreteInformation.ConditionalEntropy(f, symbols));
        var axisShare = factors.Average(f =>
            Enumerable.Range(0, mixed.Cols).Max(j => DiscreteInformation.MutualInformation(Discretise(mixed, j), f)) / DiscreteInformation.Entropy(f));

        var rotation = Sample.Normal(rotationKey, factors.Length, factors.Length).ToMatrix().QR().Q;
        var standardised = Tensor.Create(data.Count, factors.Length, (i, j) => columns[j][i]).ToMatrix();
        var haarMig = MutualInformationGap.Compute(Tensor.FromMatrix(standardised * rotation), factors);
        return
        [
            Measure.AtMost("factors mixed 45 degrees in pairs: MIG", mixedMig, MixedControlMaxMig),
            Measure.AtMost("factors mixed 45 degrees in pairs: max_k H(v_k | code) (nats; the information is all kept)", lost, 0),
            Measure.Reported("factors mixed 45 degrees in pairs: mean over factors of max_j I(z_j; v_k) / H(v_k)", axisShare),
            Measure.Reported("factors rotated by a Haar-random 5-D rotation: MIG", haarMig),
        ];
    }

    /// <summary>Column j in 20 equal-width bins over its range, as <see cref="MutualInformationGap"/> bins it.</summary>
    private static int[] Discretise(Tensor codes, int j)
    {
        const int bins = 20;
        var column = Enumerable.Range(0, codes.Rows).Select(i => codes[i, j]).ToArray();
        var (lo, hi) = (column.Min(), column.Max());
        if (!(hi > lo)) return new int[column.Length];
        return column.Select(v => Math.Min(bins - 1, (int)((v - lo) / (hi - lo) * bins))).ToArray();
    }

    private static Tensor Covariance(Tensor x)
    {
        var mean = Enumerable.Range(0, x.Cols).Select(j => Enumerable.Range(0, x.Rows).Average(i => x[i, j])).ToArray();
        return Tensor.Create(x.Cols, x.Cols, (a, b) => Enumerable.Range(0, x.Rows).Average(i => (x[i, a] - mean[a]) * (x[i, b] - mean[b])));
    }
}
