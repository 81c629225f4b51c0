namespace RepLearn.Functional.Evaluation;

/// <summary>
/// Evaluation over a data set in chunks of rows, so that memory is bounded by the chunk, not the data. Each chunk of a
/// stochastic evaluation gets its own key, <c>key.FoldIn(first row)</c>: one key for all chunks would repeat the noise
/// every chunk, and a large estimate would have the variance of one chunk's.
/// </summary>
public static class Chunked
{
    /// <summary>Rows per chunk unless said otherwise.</summary>
    public const int DefaultChunk = 1000;

    /// <summary>The mean over rows of a per-sample column: (1/n) sum_chunks sum perSample(chunk, key.FoldIn(start)).</summary>
    public static double MeanPerSample(Tensor x, Key key, Func<Tensor, Key, Tensor> perSample, int chunk = DefaultChunk)
    {
        double sum = 0;
        for (var start = 0; start < x.Rows; start += chunk)
            sum += Ops.Sum(perSample(x.SliceRows(start, Math.Min(chunk, x.Rows - start)), key.FoldIn(start))).ToScalar();
        return sum / x.Rows;
    }

    /// <summary>
    /// The mean per sample of a batch-mean loss over chunks of <paramref name="chunk"/> rows, each weighted by its size;
    /// a last chunk of one row is left out (a contrastive loss has no negatives for it) and not counted.
    /// </summary>
    public static double MeanOfBatchMeans(Tensor x, Key key, Func<Tensor, Key, double> batchMean, int chunk)
    {
        double sum = 0;
        for (var start = 0; start < x.Rows; start += chunk)
        {
            var count = Math.Min(chunk, x.Rows - start);
            if (count < 2) break;
            sum += batchMean(x.SliceRows(start, count), key.FoldIn(start)) * count;
        }
        return sum / Math.Max(1, x.Rows - (x.Rows % chunk == 1 ? 1 : 0));
    }

    /// <summary>A row-wise map applied chunk by chunk, the results stacked as rows.</summary>
    public static double[][] MapRows(Tensor x, Func<Tensor, Tensor> f, int chunk = DefaultChunk)
    {
        var rows = new List<double[]>(x.Rows);
        for (var start = 0; start < x.Rows; start += chunk)
            rows.AddRange(f(x.SliceRows(start, Math.Min(chunk, x.Rows - start))).ToRows());
        return [.. rows];
    }
}
