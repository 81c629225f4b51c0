using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;

namespace RepLearn.Functional.Evaluation;

/// <summary>k-nearest-neighbour classification under cosine similarity (as in SimCLR's k-NN monitor).</summary>
public static class Knn
{
    /// <summary>
    /// Predicts each query's class by a majority vote of its k most cosine-similar training rows
    /// (ties broken by the smallest class index).
    /// </summary>
    public static int[] Predict(Tensor train, int[] trainLabels, Tensor queries, int classes, int k = 5)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be >= 1");
        var similarities = Ops.MatMul(Ops.L2NormalizeRows(queries), Ops.L2NormalizeRows(train), transposeB: true);
        var predictions = new int[queries.Rows];
        var votes = new int[classes];
        var nearest = new int[Math.Min(k, train.Rows)];
        for (var q = 0; q < queries.Rows; q++)
        {
            var row = similarities.Row(q);
            TopK(row, nearest);
            Array.Clear(votes);
            foreach (var i in nearest) votes[trainLabels[i]]++;
            predictions[q] = Array.IndexOf(votes, votes.Max());
        }
        return predictions;
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
