namespace RepLearn.Functional.Information;

/// <summary>
/// The BetaVAE score (Higgins et al. 2017, "beta-VAE: learning basic visual concepts with a constrained variational
/// framework", section 3), as in disentanglement_lib's <c>evaluation/metrics/beta_vae.py</c>
/// (<c>compute_beta_vae_sklearn</c>). One training point: draw a factor k uniformly, draw two batches of B factor rows
/// independently, copy factor k of the first batch into the second (so pair i agrees on factor k and on nothing else by
/// design), render and encode both, and take the feature vector z_diff = (1/B) sum_i |f(x1_i) - f(x2_i)| (one entry per
/// code dimension) with label k. A linear classifier (multinomial logistic regression, scikit-learn's default: L2 penalty
/// with C = 1, see <see cref="SoftmaxRegression"/>) is fitted on <see cref="SampledMetricOptions.TrainPoints"/> points and
/// scored on <see cref="SampledMetricOptions.EvalPoints"/> fresh ones; the score is the evaluation accuracy.
/// <para>
/// A code in which factor k owns some dimensions makes z_diff vanish there when k is fixed, and the classifier reads k
/// off; the factors themselves score 1, codes independent of the factors score chance, 1/K (0.2 for the five shapes
/// factors), not 0. A factor copied into two dimensions is not penalised (both dimensions vanish together), nor is a
/// mixed code that stays linearly decodable from z_diff. The feature vector is unchanged by flipping the sign of a code
/// dimension and permuted with the dimensions; it is not invariant to rescaling a dimension, and neither is the
/// penalised classifier: shrinking all codes a thousandfold lets the penalty win and the score falls towards chance.
/// </para>
/// </summary>
public static class BetaVaeScore
{
    /// <summary>
    /// The BetaVAE score of <paramref name="encoder"/> (observation rows to code rows, each row on its own) on data from
    /// <paramref name="sampler"/>; training points from key.FoldIn(0), evaluation points from key.FoldIn(1).
    /// </summary>
    /// <exception cref="ArgumentException">The encoder changes the row count or width between calls, or returns a non-finite code (ParamName encoder).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size in <paramref name="options"/> out of range.</exception>
    [Pure]
    public static FixedFactorAccuracy Compute(Func<Tensor, Tensor> encoder, IFactorSampler sampler, Key key, SampledMetricOptions? options = null)
    {
        options = FixedFactorBatches.CheckArguments(encoder, sampler, options);
        var (trainPoints, trainLabels) = Points(encoder, sampler, key.FoldIn(0), options.BatchSize, options.TrainPoints);
        var classifier = SoftmaxRegression.Fit(trainPoints, trainLabels);
        var (evalPoints, evalLabels) = Points(encoder, sampler, key.FoldIn(1), options.BatchSize, options.EvalPoints);
        return new FixedFactorAccuracy(classifier.Accuracy(trainPoints, trainLabels), classifier.Accuracy(evalPoints, evalLabels), trainPoints[0].Length);
    }

    /// <summary>
    /// <paramref name="count"/> training points (z_diff, k) as described on the class: point i draws k from
    /// key.FoldIn(i).FoldIn(0) and its two batches from .FoldIn(1) and .FoldIn(2).
    /// </summary>
    [Pure]
    public static (double[][] Features, int[] Labels) Points(Func<Tensor, Tensor> encoder, IFactorSampler sampler, Key key, int batchSize, int count)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(sampler);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be >= 1");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 1");
        var k = sampler.FactorCount;
        var labels = Enumerable.Range(0, count).Select(i => FixedFactorBatches.FixedFactor(key, i, k)).ToArray();
        int[,] Pairs(int point)
        {
            var first = FixedFactorBatches.Factors(sampler, key, point, 1, batchSize);
            var second = FixedFactorBatches.Factors(sampler, key, point, 2, batchSize);
            var both = new int[2 * batchSize, k];
            for (var i = 0; i < batchSize; i++)
                for (var j = 0; j < k; j++)
                {
                    both[i, j] = first[i, j];
                    both[batchSize + i, j] = j == labels[point] ? first[i, j] : second[i, j];
                }
            return both;
        }
        double[] Difference(int point, Tensor codes)
        {
            var feature = new double[codes.Cols];
            for (var i = 0; i < batchSize; i++)
                for (var j = 0; j < codes.Cols; j++) feature[j] += Math.Abs(codes[i, j] - codes[batchSize + i, j]);
            for (var j = 0; j < feature.Length; j++) feature[j] /= batchSize;
            return feature;
        }
        return (FixedFactorBatches.Encode(encoder, sampler, count, Pairs, Difference), labels);
    }
}
