using RepLearn.Functional.Keys;
using RepLearn.Functional.Resources;
using RepLearn.Functional.Tensors;
using Xunit;
using CoreKnn = RepLearn.Functional.Evaluation.Knn;
using CoreLosses = RepLearn.Functional.Objectives.Losses;
using CoreProbe = RepLearn.Functional.Evaluation.LinearProbe;

namespace RepLearn.Tests.Reliability;

/// <summary>
/// Degenerate contrastive inputs (one row, no anchors, overflowing negative counts) are refused naming the
/// parameter; evaluation refuses negative labels and class counts over the budget with messages that read sensibly
/// at int.MaxValue, and k-NN allocates nothing per class and bounds its similarity blocks.
/// </summary>
public class LossAndEvaluationEdgeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void NtXent_needs_two_rows_in_the_core(int rows)
    {
        var view = Tensor.Zeros(rows, 3);
        var e = Assert.Throws<ArgumentException>(() => CoreLosses.NtXent(view, view, 0.5));
        Assert.Equal("viewA", e.ParamName);
        Assert.Contains($"viewA has {rows} row(s)", e.Message);
        Assert.True(double.IsFinite(CoreLosses.NtXent(Tensor.FromRows([[1.0, 0, 0], [0, 1.0, 0]]), Tensor.FromRows([[1.0, 0, 0], [0, 1.0, 0]]), 0.5).ToArray().Sum()));
    }

    [Fact]
    public void NtXent_needs_two_rows_in_the_facade()
    {
        var e = Assert.Throws<ArgumentException>(() => Losses.NtXent([[1.0, 2.0]], [[2.0, 1.0]], 0.5));
        Assert.Equal("viewA", e.ParamName);
        Assert.Contains("viewA has 1 row", e.Message);
    }

    [Fact]
    public void InfoNce_refuses_no_anchors_and_negative_counts_that_would_overflow()
    {
        var none = Tensor.Zeros(0, 2);
        Assert.Equal("anchors", Assert.Throws<ArgumentException>(() => CoreLosses.InfoNce(none, none, none, 1, 0.5)).ParamName);
        var one = Tensor.Zeros(1, 2);
        Assert.Equal("negativesPerAnchor", Assert.Throws<ArgumentOutOfRangeException>(() => CoreLosses.InfoNce(one, one, one, 0, 0.5)).ParamName);
        // 65,536 anchors x 65,536 negatives each = 2^32 rows, which wraps to 0 in 32-bit arithmetic.
        var anchors = Tensor.Zeros(65536, 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ArgumentException>(() => CoreLosses.InfoNce(anchors, anchors, Tensor.Zeros(0, 1), 65536, 0.5));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Equal("negatives", e.ParamName);
        Assert.Contains("negatives must be 4294967296x1", e.Message);
    }

    [Fact]
    public void Contrastive_training_whose_last_batch_has_one_row_still_trains()
    {
        double[][] data = [.. Enumerable.Range(0, 5).Select(i => new[] { i * 0.1, 1 - i * 0.1, 0.5 })];
        var model = new ContrastiveEncoder(3, representationDim: 2, projectionDim: 2, hiddenDims: [4], seed: 2);
        var report = model.Fit(data, new TrainOptions { Epochs = 2, BatchSize = 2 });
        Assert.True(report.Completed);
        Assert.All(report.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss)));
    }

    private static double[][] Points(int n, int d, int seed) =>
        Sample.Normal(Key.FromSeed(seed), n, d).ToRows();

    [Fact]
    public void Negative_labels_are_refused_naming_the_array_and_the_index()
    {
        var x = Points(4, 2, 1);
        foreach (var act in new Func<object>[]
        {
            () => Evaluation.LinearProbe(x, [0, 1, 0, 1], x, [0, -1, 0, 1]),
            () => Evaluation.KnnAccuracy(x, [0, 1, 0, 1], x, [0, -1, 0, 1]),
        })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(act);
            Assert.Equal("testLabels", e.ParamName);
            Assert.Contains("testLabels[1] = -1", e.Message);
        }
        Assert.Equal("trainLabels", Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.KnnAccuracy(x, [0, 1, int.MinValue, 1], x, [0, 1, 0, 1])).ParamName);
    }

    [Fact]
    public void A_label_of_int_max_reads_sensibly()
    {
        var x = Points(4, 2, 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var probe = Assert.Throws<ArgumentException>(() => Evaluation.LinearProbe(x, [0, 1, int.MaxValue, 1], x, [0, 1, 0, 1]));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Equal("trainLabels", probe.ParamName);
        Assert.StartsWith("trainLabels holds label 2147483647, so 2,147,483,648 classes: a linear probe of 2 features x 2,147,483,648 classes (6,442,450,944 parameters) needing ", probe.Message);
        Assert.DoesNotContain("-2147483648", probe.Message);

        var knn = Assert.Throws<ArgumentOutOfRangeException>(() => Evaluation.KnnAccuracy(x, [0, 1, 0, 1], x, [0, 1, int.MaxValue, 1]));
        Assert.Equal("testLabels", knn.ParamName);
        Assert.Contains("testLabels holds label 2147483647: the class count (largest label + 1 = 2,147,483,648) must be at most 2147483647", knn.Message);
        Assert.DoesNotContain("-2147483648", knn.Message);

        // One below: k-NN votes among the neighbours, so a huge class index costs nothing.
        before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0.75, Evaluation.KnnAccuracy(x, [0, 1, int.MaxValue - 1, 1], x, [0, 1, 0, 1], k: 1));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }

    [Fact]
    public void A_probe_over_the_budget_is_refused_before_allocating()
    {
        var x = Points(8, 64, 2);
        var labels = new[] { 0, 1, 2, 3, 0, 1, 2, 100_000_000 };
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ArgumentException>(() => Evaluation.LinearProbe(x, labels, x, labels));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Equal("trainLabels", e.ParamName);
        Assert.Contains("100,000,001 classes (6,500,000,065 parameters) needing ", e.Message);
        Assert.Contains("to train, more than the memory budget of", e.Message);
        var small = Assert.Throws<ArgumentException>(() => Evaluation.KnnAccuracy(x, labels, x, labels, memoryBudget: 1000));
        Assert.Equal("trainFeatures", small.ParamName);
        Assert.Contains("more than the memory budget of 1.0 KB (the memoryBudget argument)", small.Message);
    }

    [Fact]
    public void Core_probe_and_knn_check_their_labels_and_class_counts()
    {
        var x = Tensor.FromRows(Points(4, 2, 3));
        var e = Assert.Throws<ArgumentException>(() => CoreProbe.Fit(x, [0, 1, 0, 1], int.MaxValue));
        Assert.Equal("classes", e.ParamName);
        Assert.Contains("a linear probe of 2 features x 2,147,483,647 classes", e.Message);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => CoreProbe.Fit(x, [0, 0, 0, 0], 0)).ParamName);
        Assert.Contains("labels[3] = 2 is outside [0, 2)", Assert.Throws<ArgumentOutOfRangeException>(() => CoreProbe.Fit(x, [0, 1, 0, 2], 2)).Message);
        Assert.Contains("trainLabels[0] = -1", Assert.Throws<ArgumentOutOfRangeException>(() => CoreKnn.Predict(x, [-1, 1, 0, 1], x, 2)).Message);
        Assert.Equal("train", Assert.Throws<ArgumentException>(() => CoreKnn.Predict(x, [0, 1, 0, 1], x, 2, budget: MemoryBudget.Of(10))).ParamName);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(4, CoreKnn.Predict(x, [0, 1, 0, 1], x, int.MaxValue, k: 3).Length);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "k-NN allocated per class");
    }

    /// <summary>The k-NN of the previous release, verbatim: one similarity matrix, a vote array of one count per class.</summary>
    private static int[] PreviousKnn(Tensor train, int[] trainLabels, Tensor queries, int classes, int k)
    {
        var similarities = RepLearn.Functional.Autodiff.Ops.MatMul(RepLearn.Functional.Autodiff.Ops.L2NormalizeRows(queries),
            RepLearn.Functional.Autodiff.Ops.L2NormalizeRows(train), transposeB: true);
        var predictions = new int[queries.Rows];
        var votes = new int[classes];
        var nearest = new int[Math.Min(k, train.Rows)];
        for (var q = 0; q < queries.Rows; q++)
        {
            var row = similarities.Row(q);
            var count = 0;
            for (var i = 0; i < row.Length; i++)
            {
                if (count < nearest.Length) { nearest[count++] = i; Sift(row, nearest, count - 1); continue; }
                if (row[i] <= row[nearest[^1]]) continue;
                nearest[^1] = i;
                Sift(row, nearest, nearest.Length - 1);
            }
            Array.Clear(votes);
            foreach (var i in nearest) votes[trainLabels[i]]++;
            predictions[q] = Array.IndexOf(votes, votes.Max());
        }
        return predictions;
    }

    private static void Sift(ReadOnlySpan<double> values, Span<int> best, int at)
    {
        for (var j = at; j > 0 && values[best[j]] > values[best[j - 1]]; j--)
            (best[j], best[j - 1]) = (best[j - 1], best[j]);
    }

    [Theory]
    [InlineData(30, 7, 1)]
    [InlineData(30, 7, 4)]
    [InlineData(5000, 1200, 5)]
    [InlineData(5000, 1200, 8)]
    public void Knn_in_blocks_with_neighbour_votes_predicts_exactly_as_before(int trainRows, int queryRows, int k)
    {
        var random = new Random(trainRows + k);
        // Coarse values so that many similarities and votes tie exactly; the blocks split the queries when trainRows is large.
        double[][] Grid(int n) => [.. Enumerable.Range(0, n).Select(_ => new double[] { random.Next(-2, 3), random.Next(-2, 3), random.Next(-2, 3) })];
        var train = Tensor.FromRows(Grid(trainRows));
        var queries = Tensor.FromRows(Grid(queryRows));
        var labels = Enumerable.Range(0, trainRows).Select(_ => random.Next(0, 6)).ToArray();
        Assert.True(trainRows < 1000 || queryRows > CoreKnn.BlockEntries / trainRows, "the large case must span several blocks");
        Assert.Equal(PreviousKnn(train, labels, queries, 6, k), CoreKnn.Predict(train, labels, queries, 6, k));
    }
}
