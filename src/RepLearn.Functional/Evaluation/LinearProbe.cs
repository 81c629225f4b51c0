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

    /// <summary>Rows per step of the probe's training (the batch size).</summary>
    public const int BatchSize = 256;

    /// <summary>
    /// The memory a probe of <paramref name="features"/> inputs and <paramref name="classes"/> outputs takes to fit on
    /// <paramref name="rows"/> rows, saturating: its (features + 1) x classes parameters trained with AdamW
    /// (<see cref="MemoryFootprint.TrainingBytes"/>), a step's activations (<see cref="BatchSize"/> rows of features
    /// and of logits, <see cref="MemoryFootprint.ActivationBytes"/>), and the two standardised copies of the data.
    /// </summary>
    public static long TrainingBytes(long rows, long features, long classes) => MemoryFootprint.Sum(
        MemoryFootprint.TrainingBytes(ParameterCount(features, classes)),
        MemoryFootprint.Product(BatchSize, MemoryFootprint.Sum(features, classes), MemoryFootprint.BytesPerActivation),
        MemoryFootprint.Product(2, rows, MemoryFootprint.Sum(features, 1), MemoryFootprint.BytesPerDouble));

    /// <summary>The probe's parameters, (features + 1) x classes, saturating.</summary>
    public static long ParameterCount(long features, long classes) => MemoryFootprint.Product(MemoryFootprint.Sum(features, 1), classes);

    /// <summary>
    /// Fits a probe on (features, labels): labels in [0, classes). The fit's memory (<see cref="TrainingBytes"/>) is
    /// checked against <paramref name="budget"/> (null: <see cref="MemoryBudget.Default"/>) before anything is allocated.
    /// </summary>
    /// <exception cref="ArgumentException">The label count differs from the rows, or the probe needs more memory than the budget (ParamName classes).</exception>
    /// <exception cref="ArgumentOutOfRangeException">classes &lt; 1, or a label outside [0, classes).</exception>
    public static LinearProbeModel Fit(Tensor features, int[] labels, int classes, Key key, int epochs = 50, double learningRate = 1e-2, double weightDecay = 1e-4,
        MemoryBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != features.Rows) throw new ArgumentException($"{labels.Length} labels for {features.Rows} feature rows", nameof(labels));
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be >= 1, got {classes}");
        for (var i = 0; i < labels.Length; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels[{i}] = {labels[i]} is outside [0, {classes})");
        (budget ?? MemoryBudget.Default).Require(TrainingBytes(features.Rows, features.Cols, classes),
            $"a linear probe of {features.Cols} features x {MemoryBudget.ShowCount(classes)} classes ({MemoryBudget.ShowCount(ParameterCount(features.Cols, classes))} parameters)",
            nameof(classes), "to train");
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
        var result = Train.Fit(init, optimizer.Init(init), optimizer, loss, data, new FitOptions(epochs, BatchSize, key.FoldIn(1)));
        return new LinearProbeModel(standardizer, result.Parameters, classes);
    }

    /// <summary>The fraction of rows whose predicted class equals the label.</summary>
    public static double Accuracy(int[] predicted, int[] labels) =>
        predicted.Length == 0 ? double.NaN : predicted.Where((p, i) => p == labels[i]).Count() / (double)predicted.Length;
}
