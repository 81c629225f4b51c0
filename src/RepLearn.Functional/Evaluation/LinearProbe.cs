using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;

namespace RepLearn.Functional.Evaluation;

/// <summary>A fitted linear probe: the standardisation of the features and the softmax classifier.</summary>
public sealed record LinearProbeModel(Standardizer Standardizer, Dense Classifier, int Classes)
{
    /// <summary>The class scores W h' + b for standardised features h'.</summary>
    public Tensor Logits(Tensor features) => Dense.Apply(Classifier, Standardizer.Apply(features));

    /// <summary>arg max of the logits per row.</summary>
    public int[] Predict(Tensor features)
    {
        var logits = Logits(features);
        return Enumerable.Range(0, logits.Rows).Select(r =>
        {
            var row = logits.Row(r);
            var best = 0;
            for (var c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
            return best;
        }).ToArray();
    }

    /// <summary>Mean cross-entropy -log softmax(logits)_y in nats (an upper bound on H(y | h), so H(y) - CE bounds I(y; h) from below).</summary>
    public double CrossEntropy(Tensor features, int[] labels) =>
        Ops.Mean(LinearProbe.CrossEntropy(Logits(features), labels)).ToScalar();
}

/// <summary>
/// Linear probing of frozen features: multinomial logistic regression on standardised features,
/// trained by the same fold as the models (Adam, L2 weight decay), so the score measures how linearly
/// the representation separates the classes.
/// </summary>
public static class LinearProbe
{
    /// <summary>Per-row cross-entropy LSE(logits_r) - logits_r,y_r, as n x 1.</summary>
    public static Tensor CrossEntropy(Tensor logits, int[] labels) =>
        Ops.Sub(Ops.LogSumExp(logits, 1), Ops.PickPerRow(logits, labels));

    /// <summary>Fits a probe on (features, labels): labels in [0, classes).</summary>
    public static LinearProbeModel Fit(Tensor features, int[] labels, int classes, Key key, int epochs = 50, double learningRate = 1e-2, double weightDecay = 1e-4)
    {
        if (labels.Length != features.Rows) throw new ArgumentException($"{labels.Length} labels for {features.Rows} feature rows", nameof(labels));
        foreach (var y in labels)
            if (y < 0 || y >= classes) throw new ArgumentOutOfRangeException(nameof(labels), y, $"labels must be in [0, {classes})");
        var standardizer = Standardizer.Fit(features);
        var x = standardizer.Apply(features);
        // The fold batches rows, so the label rides along as the last column.
        var data = Ops.ConcatCols(x, Tensor.Create(labels.Length, 1, (r, _) => labels[r]));
        var d = x.Cols;
        BatchLoss<Dense> loss = (p, batch, _) =>
        {
            var ys = Enumerable.Range(0, batch.Rows).Select(r => (int)batch[r, d]).ToArray();
            return LossOutput.Of(Ops.Mean(CrossEntropy(Dense.Apply(p, Ops.SliceCols(batch, 0, d)), ys)));
        };
        var optimizer = Optimizers.AdamW<Dense>(learningRate, weightDecay);
        var init = Dense.Init(key.FoldIn(0), d, classes, InitScheme.GlorotUniform);
        var result = Train.Fit(init, optimizer.Init(init), optimizer, loss, data, new FitOptions(epochs, 256, key.FoldIn(1)));
        return new LinearProbeModel(standardizer, result.Parameters, classes);
    }

    /// <summary>The fraction of rows whose predicted class equals the label.</summary>
    public static double Accuracy(int[] predicted, int[] labels) =>
        predicted.Length == 0 ? double.NaN : predicted.Where((p, i) => p == labels[i]).Count() / (double)predicted.Length;
}
