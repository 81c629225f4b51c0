namespace RepLearn.Functional.Information;

/// <summary>
/// Sampling for the sampled metrics: per training point, a factor index to hold fixed and groups of factor rows, rendered
/// by the sampler and encoded. Point i draws everything from its own key (the point key folded with i), so a point does
/// not depend on how the points are grouped; groups are rendered and encoded together in blocks of about
/// <see cref="BlockRows"/> rows, which assumes the encoder maps every row on its own (as any encoder of a batch of
/// independent observations does).
/// </summary>
internal static class FixedFactorBatches
{
    /// <summary>Rows rendered and encoded per call of the sampler and the encoder (at least one group).</summary>
    public const int BlockRows = 4096;

    /// <summary>
    /// The checks a sampled metric makes before it samples: <paramref name="encoder"/> and <paramref name="sampler"/> not
    /// null, and the sizes (<paramref name="options"/>, or <see cref="SampledMetricOptions.Default"/> when null) in range.
    /// Returns the sizes to run with.
    /// </summary>
    public static SampledMetricOptions CheckArguments(Func<Tensor, Tensor> encoder, IFactorSampler sampler, SampledMetricOptions? options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(sampler);
        var sizes = options ?? SampledMetricOptions.Default;
        sizes.Check();
        return sizes;
    }

    /// <summary>The factor held fixed at point <paramref name="point"/> of <paramref name="key"/>: uniform over the K factors.</summary>
    public static int FixedFactor(Key key, int point, int factorCount) => Sample.Integers(key.FoldIn(point).FoldIn(0), 1, factorCount)[0];

    /// <summary>The j-th batch of factor rows of point <paramref name="point"/> (j = 1, 2, ...), drawn by the sampler.</summary>
    public static int[,] Factors(IFactorSampler sampler, Key key, int point, int batch, int rows)
    {
        var factors = sampler.SampleFactors(key.FoldIn(point).FoldIn(batch), rows);
        if (factors.GetLength(0) != rows || factors.GetLength(1) != sampler.FactorCount)
            throw new InvalidOperationException($"the sampler returned {factors.GetLength(0)} x {factors.GetLength(1)} factors for {rows} x {sampler.FactorCount}");
        return factors;
    }

    /// <summary>
    /// For each of <paramref name="groups"/> groups of factor rows (<paramref name="factorsOf"/>, each K columns), the
    /// codes of their observations reduced by <paramref name="reduce"/> (group index, codes n_g x d). Checks that the
    /// encoder keeps the row count, returns the same width d on every call, and gives finite codes.
    /// </summary>
    public static T[] Encode<T>(Func<Tensor, Tensor> encoder, IFactorSampler sampler, int groups, Func<int, int[,]> factorsOf, Func<int, Tensor, T> reduce)
    {
        var results = new T[groups];
        var width = -1;
        var k = sampler.FactorCount;
        int[,]? pending = null; // the group that did not fit in the previous block
        for (var start = 0; start < groups;)
        {
            var block = new List<int[,]>();
            var rows = 0;
            for (var g = start; g < groups; g++)
            {
                var f = pending ?? factorsOf(g);
                pending = null;
                if (block.Count > 0 && rows + f.GetLength(0) > BlockRows)
                {
                    pending = f;
                    break;
                }
                block.Add(f);
                rows += f.GetLength(0);
            }
            var all = new int[rows, k];
            var offset = 0;
            foreach (var f in block)
            {
                for (var i = 0; i < f.GetLength(0); i++)
                    for (var j = 0; j < k; j++) all[offset + i, j] = f[i, j];
                offset += f.GetLength(0);
            }
            var codes = encoder(sampler.Observe(all));
            if (codes.Rows != rows) throw new ArgumentException($"the encoder returned {codes.Rows} rows for {rows} observations", nameof(encoder));
            if (width >= 0 && codes.Cols != width) throw new ArgumentException($"the encoder returned {codes.Cols} columns, earlier {width}", nameof(encoder));
            width = codes.Cols;
            if (width < 1) throw new ArgumentException("the encoder returned codes of width 0", nameof(encoder));
            foreach (var v in codes.Span)
                if (!double.IsFinite(v)) throw new ArgumentException($"the encoder returned the non-finite value {v}", nameof(encoder));
            offset = 0;
            for (var b = 0; b < block.Count; b++)
            {
                var (n, first) = (block[b].GetLength(0), offset);
                results[start + b] = reduce(start + b, Tensor.Create(n, width, (r, c) => codes[first + r, c]));
                offset += n;
            }
            start += block.Count;
        }
        return results;
    }

    /// <summary>Sample variance (divisor n - 1, numpy's ddof=1) of each column of the stacked code blocks.</summary>
    public static double[] ColumnVariances(IReadOnlyList<Tensor> blocks)
    {
        var d = blocks[0].Cols;
        var n = blocks.Sum(b => b.Rows);
        var mean = new double[d];
        foreach (var b in blocks)
            for (var i = 0; i < b.Rows; i++)
                for (var j = 0; j < d; j++) mean[j] += b[i, j];
        for (var j = 0; j < d; j++) mean[j] /= n;
        var variance = new double[d];
        foreach (var b in blocks)
            for (var i = 0; i < b.Rows; i++)
                for (var j = 0; j < d; j++)
                {
                    var e = b[i, j] - mean[j];
                    variance[j] += e * e;
                }
        for (var j = 0; j < d; j++) variance[j] /= n - 1;
        return variance;
    }
}
