namespace RepLearn.Functional.Information;

/// <summary>
/// The disentanglement metrics of one representation against ground-truth factors (<see cref="Disentanglement.Evaluate"/>);
/// every score is in [0, 1] and higher is better.
/// </summary>
/// <param name="Mig">Mutual Information Gap (<see cref="MutualInformationGap"/>).</param>
/// <param name="Sap">SAP score (<see cref="SeparatedAttributePredictability"/>).</param>
/// <param name="DciDisentanglement">DCI disentanglement (<see cref="Dci"/>).</param>
/// <param name="DciCompleteness">DCI completeness.</param>
/// <param name="DciInformativeness">DCI informativeness (mean test R^2 of the lassos).</param>
/// <param name="Modularity">Modularity (<see cref="Information.Modularity"/>).</param>
/// <param name="Explicitness">Explicitness (<see cref="Information.Explicitness"/>; chance level is 0.5).</param>
/// <param name="BetaVae">The BetaVAE score's evaluation accuracy (<see cref="BetaVaeScore"/>; chance 1/K), when a factor sampler and an encoder were given.</param>
/// <param name="FactorVae">The FactorVAE score's evaluation accuracy (<see cref="FactorVaeScore"/>; chance about 1/K), likewise.</param>
public sealed record DisentanglementScores(double Mig, double Sap, double DciDisentanglement, double DciCompleteness, double DciInformativeness,
    double Modularity, double Explicitness, double? BetaVae = null, double? FactorVae = null)
{
    /// <summary>The scores as (name, value) rows in declaration order, for printing; the sampled scores only when present.</summary>
    public IReadOnlyList<(string Name, double Value)> Rows =>
    [
        ("MIG", Mig), ("SAP", Sap), ("DCI disentanglement", DciDisentanglement), ("DCI completeness", DciCompleteness),
        ("DCI informativeness", DciInformativeness), ("modularity", Modularity), ("explicitness", Explicitness),
        .. BetaVae is { } beta ? [("BetaVAE score", beta)] : Array.Empty<(string, double)>(),
        .. FactorVae is { } factor ? [("FactorVAE score", factor)] : Array.Empty<(string, double)>(),
    ];
}

/// <summary>
/// All disentanglement metrics at once, following disentanglement_lib's protocol: the rows are split at random (by
/// <c>key</c>) into a training part and a test part of <c>testFraction</c> of the rows; MIG, SAP (continuous variant:
/// the shapes factors are evenly spaced values, see <see cref="SeparatedAttributePredictability"/>) and modularity are
/// computed on the training rows, and the DCI lassos and the explicitness classifiers are fitted on the training rows and
/// scored on the test rows. The sampled metrics (BetaVAE, FactorVAE) need fresh observations with chosen factors, so
/// they take an encoder and a factor sampler as well (<see cref="EvaluateAll"/>).
/// </summary>
public static class Disentanglement
{
    /// <summary>
    /// The scores of <paramref name="codes"/> against <paramref name="factors"/> as <see cref="Evaluate"/> computes them
    /// (split by <paramref name="key"/>), with the BetaVAE and FactorVAE scores of <paramref name="encoder"/> on data from
    /// <paramref name="sampler"/> (keys key.FoldIn(1) and key.FoldIn(2); sizes <paramref name="sampled"/>, null:
    /// <see cref="SampledMetricOptions.Default"/>).
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Evaluate"/>; or an encoder that changes the row count or width, or gives non-finite codes (ParamName encoder).</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Evaluate"/>, or a sampled size out of range.</exception>
    [Pure]
    public static DisentanglementScores EvaluateAll(Tensor codes, IReadOnlyList<int[]> factors, Func<Tensor, Tensor> encoder, IFactorSampler sampler, Key key,
        SampledMetricOptions? sampled = null, double testFraction = 0.2, bool continuousFactors = true, int bins = 20, double lassoAlpha = 0.1)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(sampler);
        (sampled ?? SampledMetricOptions.Default).Check();
        var scores = Evaluate(codes, factors, key, testFraction, continuousFactors, bins, lassoAlpha);
        return scores with
        {
            BetaVae = BetaVaeScore.Compute(encoder, sampler, key.FoldIn(1), sampled).Eval,
            FactorVae = FactorVaeScore.Compute(encoder, sampler, key.FoldIn(2), sampled).Eval,
        };
    }

    /// <summary>The scores of <paramref name="codes"/> (n x d) against discrete factors (K arrays of n values each).</summary>
    /// <exception cref="ArgumentException">Empty codes or factors, a factor of the wrong length, a non-finite code, or fewer than 2 rows in a part.</exception>
    /// <exception cref="ArgumentOutOfRangeException">testFraction outside (0, 1), bins &lt; 2, lassoAlpha negative.</exception>
    [Pure]
    public static DisentanglementScores Evaluate(Tensor codes, IReadOnlyList<int[]> factors, Key key, double testFraction = 0.2,
        bool continuousFactors = true, int bins = 20, double lassoAlpha = 0.1)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "testFraction must be in (0, 1)");
        if (bins < 2) throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be >= 2");
        MetricInput.Check(codes, factors);
        var n = codes.Rows;
        var testCount = (int)Math.Round(n * testFraction);
        if (testCount < 2 || n - testCount < 2)
            throw new ArgumentException($"codes has {codes.Rows} rows: too few for a training and a test part of at least 2 rows each at testFraction {testFraction}", nameof(codes));
        var order = Sample.Permutation(key, n);
        var testRows = order[..testCount];
        var trainRows = order[testCount..];
        Tensor Take(int[] rows) => Tensor.Create(rows.Length, codes.Cols, (r, c) => codes[rows[r], c]);
        int[][] TakeFactors(int[] rows) => factors.Select(f => rows.Select(r => f[r]).ToArray()).ToArray();
        var (trainCodes, testCodes) = (Take(trainRows), Take(testRows));
        var (trainFactors, testFactors) = (TakeFactors(trainRows), TakeFactors(testRows));
        var dci = Dci.Compute(trainCodes, trainFactors, testCodes, testFactors, lassoAlpha);
        return new DisentanglementScores(
            MutualInformationGap.Compute(trainCodes, trainFactors, bins),
            SeparatedAttributePredictability.Compute(trainCodes, trainFactors, testCodes, testFactors, continuousFactors, bins),
            dci.Disentanglement, dci.Completeness, dci.Informativeness,
            Modularity.Compute(trainCodes, trainFactors, bins),
            Explicitness.Compute(trainCodes, trainFactors, testCodes, testFactors));
    }
}
