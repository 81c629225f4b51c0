namespace RepLearn.Functional.Evaluation;

/// <summary>
/// k-nearest-neighbour classification under cosine similarity (as in SimCLR's k-NN monitor). The queries are compared
/// with the training rows in blocks, so the similarities held at once are bounded (<see cref="BlockEntries"/>), and
/// votes are counted over the k neighbours alone, so nothing grows with the number of classes.
/// </summary>
public static class Knn
{
    /// <summary>Similarities computed at once: about 4 million doubles (32 MB), whatever the sizes.</summary>
    public const int BlockEntries = 1 << 22;

    /// <summary>
    /// The memory a prediction takes, saturating: the normalised copies of the training rows and the queries, a block
    /// of similarities (at most <see cref="BlockEntries"/>, at least one query's), and the predictions.
    /// </summary>
    public static long PredictionBytes(long trainRows, long queryRows, long features) => MemoryFootprint.Sum(
        MemoryFootprint.Product(MemoryFootprint.Sum(trainRows, queryRows), features, MemoryFootprint.BytesPerDouble),
        MemoryFootprint.Product(Math.Max(BlockEntries, trainRows), MemoryFootprint.BytesPerDouble),
        MemoryFootprint.Product(queryRows, sizeof(int)));

    /// <summary>
    /// Predicts each query's class by a majority vote of its k most cosine-similar training rows
    /// (ties broken by the smallest class index). Labels must lie in [0, classes). The memory
    /// (<see cref="PredictionBytes"/>) is checked against <paramref name="budget"/> (null: <see cref="MemoryBudget.Default"/>) first.
    /// </summary>
    /// <exception cref="ArgumentException">Widths or counts differ, or the prediction needs more memory than the budget (ParamName train).</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1, classes &lt; 1, or a label outside [0, classes).</exception>
    public static int[] Predict(Tensor train, int[] trainLabels, Tensor queries, int classes, int k = 5, MemoryBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(queries);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be >= 1, got {k}");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be >= 1, got {classes}");
        if (trainLabels.Length != train.Rows) throw new ArgumentException($"{trainLabels.Length} labels for {train.Rows} training rows", nameof(trainLabels));
        if (queries.Cols != train.Cols) throw new ArgumentException($"queries have {queries.Cols} features, the training rows {train.Cols}", nameof(queries));
        for (var i = 0; i < trainLabels.Length; i++)
            if (trainLabels[i] < 0 || trainLabels[i] >= classes)
                throw new ArgumentOutOfRangeException(nameof(trainLabels), trainLabels[i], $"trainLabels[{i}] = {trainLabels[i]} is outside [0, {classes})");
        (budget ?? MemoryBudget.Default).Require(PredictionBytes(train.Rows, queries.Rows, train.Cols),
            $"k-NN of {MemoryBudget.ShowCount(queries.Rows)} queries against {MemoryBudget.ShowCount(train.Rows)} rows of {train.Cols} features", nameof(train), "to compare");

        var normalisedTrain = Ops.L2NormalizeRows(train);
        var normalisedQueries = Ops.L2NormalizeRows(queries);
        var predictions = new int[queries.Rows];
        var nearest = new int[Math.Min(k, train.Rows)];
        var block = Math.Max(1, BlockEntries / Math.Max(1, train.Rows));
        for (var start = 0; start < queries.Rows; start += block)
        {
            var count = Math.Min(block, queries.Rows - start);
            var similarities = Ops.MatMul(normalisedQueries.SliceRows(start, count), normalisedTrain, transposeB: true);
            for (var q = 0; q < count; q++)
            {
                TopK(similarities.Row(q), nearest);
                predictions[start + q] = Vote(nearest, trainLabels);
            }
        }
        return predictions;
    }

    /// <summary>The most frequent label among the neighbours, the smallest on a tie.</summary>
    private static int Vote(ReadOnlySpan<int> nearest, int[] labels)
    {
        int best = 0, bestCount = 0;
        for (var i = 0; i < nearest.Length; i++)
        {
            var label = labels[nearest[i]];
            var count = 0;
            foreach (var j in nearest) if (labels[j] == label) count++;
            if (count > bestCount || (count == bestCount && label < best)) (best, bestCount) = (label, count);
        }
        return best;
    }

    /// <summary>Indices of the largest values, by partial selection.</summary>
    private static void TopK(ReadOnlySpan<double> values, Span<int> best)
    {
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (count < best.Length) { best[count++] = i; Sift(values, best, count - 1); continue; }
            if (values[i] <= values[best[^1]]) continue;
            best[^1] = i;
            Sift(values, best, best.Length - 1);
        }
    }

    /// <summary>Insertion step keeping best sorted by decreasing value.</summary>
    private static void Sift(ReadOnlySpan<double> values, Span<int> best, int at)
    {
        for (var j = at; j > 0 && values[best[j]] > values[best[j - 1]]; j--)
            (best[j], best[j - 1]) = (best[j - 1], best[j]);
    }
}
