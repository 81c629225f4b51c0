namespace RepLearn.Functional.Information;

/// <summary>
/// The FactorVAE score (Kim and Mnih 2018, "Disentangling by factorising", section 4), as in disentanglement_lib's
/// <c>evaluation/metrics/factor_vae.py</c> (<c>compute_factor_vae</c>):
/// <list type="number">
/// <item>Global variances: encode <see cref="SampledMetricOptions.VariancePoints"/> observations of freely drawn factors
/// and take each code dimension's sample variance s_j^2 (divisor n - 1). Dimensions with s_j below
/// <see cref="SampledMetricOptions.PruneThreshold"/> (0.05, the study's prune_dims.threshold; collapsed to the prior) are
/// left out; if none remains, both accuracies are 0.</item>
/// <item>One training point: draw a factor k uniformly, draw a batch of B factor rows and set factor k of every row to
/// its value in the first row, encode, and vote for the active dimension j minimising Var_batch(z_j) / s_j^2 (the
/// variance of the code normalised by its global standard deviation; ties to the first dimension), with label k.</item>
/// <item>The classifier is the majority vote: each dimension j predicts the factor with most training votes for it (ties
/// to the smaller factor; a dimension without votes predicts factor 0). The training accuracy is
/// sum_j max_k V_kj / sum V, the evaluation accuracy the same classifier on fresh points; the score is the latter.</item>
/// </list>
/// The factors themselves score 1 and codes independent of the factors about the largest factor share, 1/K (0.2 for
/// the five shapes factors). The score is unchanged by permuting the code dimensions and, as long as no dimension
/// crosses the pruning threshold, by rescaling each (the ratio cancels the scale; exactly so for powers of two). A factor
/// copied into two dimensions is not penalised (both dimensions vote for it); a factor missing from the code is (its
/// points vote for arbitrary dimensions). disentanglement_lib divides 0 by 0 for a dimension of zero global variance when
/// the threshold is 0; here such a dimension is always pruned.
/// </summary>
public static class FactorVaeScore
{
    /// <summary>
    /// The FactorVAE score of <paramref name="encoder"/> (observation rows to code rows, each row on its own) on data from
    /// <paramref name="sampler"/>: global variances from key.FoldIn(2), training points from key.FoldIn(0), evaluation
    /// points from key.FoldIn(1).
    /// </summary>
    /// <exception cref="ArgumentException">The encoder changes the row count or width between calls, or returns a non-finite code (ParamName encoder).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size in <paramref name="options"/> out of range.</exception>
    [Pure]
    public static FixedFactorAccuracy Compute(Func<Tensor, Tensor> encoder, IFactorSampler sampler, Key key, SampledMetricOptions? options = null)
    {
        options = FixedFactorBatches.CheckArguments(encoder, sampler, options);
        var variances = GlobalVariances(encoder, sampler, key.FoldIn(2), options.VariancePoints);
        var active = Enumerable.Range(0, variances.Length)
            .Where(j => variances[j] > 0 && Math.Sqrt(variances[j]) >= options.PruneThreshold).ToArray();
        if (active.Length == 0) return new FixedFactorAccuracy(0, 0, 0);
        var k = sampler.FactorCount;
        var train = Votes(encoder, sampler, key.FoldIn(0), options.BatchSize, options.TrainPoints, variances, active);
        var classifier = Enumerable.Range(0, variances.Length).Select(j =>
        {
            var best = 0;
            for (var f = 1; f < k; f++) if (train[f, j] > train[best, j]) best = f;
            return best;
        }).ToArray();
        var eval = Votes(encoder, sampler, key.FoldIn(1), options.BatchSize, options.EvalPoints, variances, active);
        return new FixedFactorAccuracy(Accuracy(train, classifier), Accuracy(eval, classifier), active.Length);
    }

    /// <summary>Sample variance (divisor n - 1) of each code dimension over <paramref name="count"/> observations of freely drawn factors.</summary>
    [Pure]
    public static double[] GlobalVariances(Func<Tensor, Tensor> encoder, IFactorSampler sampler, Key key, int count)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(sampler);
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 2");
        var factors = sampler.SampleFactors(key, count);
        var k = sampler.FactorCount;
        var blocks = (count + FixedFactorBatches.BlockRows - 1) / FixedFactorBatches.BlockRows;
        int[,] Block(int b)
        {
            var first = b * FixedFactorBatches.BlockRows;
            var rows = Math.Min(FixedFactorBatches.BlockRows, count - first);
            var block = new int[rows, k];
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < k; j++) block[i, j] = factors[first + i, j];
            return block;
        }
        return FixedFactorBatches.ColumnVariances(FixedFactorBatches.Encode(encoder, sampler, blocks, Block, (_, codes) => codes));
    }

    /// <summary>
    /// The vote matrix V (K x d): V_kj counts the points with factor k fixed whose normalised variance was smallest in
    /// active dimension j. Point i draws k from key.FoldIn(i).FoldIn(0) and its batch from .FoldIn(1).
    /// </summary>
    [Pure]
    public static int[,] Votes(Func<Tensor, Tensor> encoder, IFactorSampler sampler, Key key, int batchSize, int count, double[] globalVariances, int[] activeDimensions)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(sampler);
        if (batchSize < 2) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be >= 2");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 1");
        if (activeDimensions.Length < 1) throw new ArgumentException("activeDimensions must not be empty", nameof(activeDimensions));
        var k = sampler.FactorCount;
        var labels = Enumerable.Range(0, count).Select(i => FixedFactorBatches.FixedFactor(key, i, k)).ToArray();
        int[,] Batch(int point)
        {
            var factors = FixedFactorBatches.Factors(sampler, key, point, 1, batchSize);
            for (var i = 1; i < batchSize; i++) factors[i, labels[point]] = factors[0, labels[point]];
            return factors;
        }
        int ArgMin(int point, Tensor codes)
        {
            if (codes.Cols != globalVariances.Length)
                throw new ArgumentException($"the encoder returned {codes.Cols} columns, the global variances have {globalVariances.Length}", nameof(encoder));
            var local = FixedFactorBatches.ColumnVariances([codes]);
            var best = activeDimensions[0];
            foreach (var j in activeDimensions)
                if (local[j] / globalVariances[j] < local[best] / globalVariances[best]) best = j;
            return best;
        }
        var argmins = FixedFactorBatches.Encode(encoder, sampler, count, Batch, ArgMin);
        var votes = new int[k, globalVariances.Length];
        for (var i = 0; i < count; i++) votes[labels[i], argmins[i]]++;
        return votes;
    }

    /// <summary>sum_j V[classifier_j, j] / sum V.</summary>
    private static double Accuracy(int[,] votes, int[] classifier)
    {
        var (right, total) = (0L, 0L);
        for (var j = 0; j < classifier.Length; j++)
            for (var f = 0; f < votes.GetLength(0); f++)
            {
                total += votes[f, j];
                if (f == classifier[j]) right += votes[f, j];
            }
        return total == 0 ? 0 : (double)right / total;
    }
}
