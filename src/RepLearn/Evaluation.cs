using CoreProbe = RepLearn.Functional.Evaluation.LinearProbe;
using CoreKnn = RepLearn.Functional.Evaluation.Knn;
using CorePca = RepLearn.Functional.Evaluation.Pca;
using CoreDisentanglement = RepLearn.Functional.Information.Disentanglement;

namespace RepLearn;

/// <summary>How good a representation is for classification: linear probes, k-NN, and the PCA baseline.</summary>
public static partial class Evaluation
{
    /// <summary>
    /// Accuracy on the test rows of multinomial logistic regression fitted on standardised training features, as
    /// scikit-learn's <c>LogisticRegression(C=1)</c> fits it (L2 penalty ||W||^2 / (2 n C) on the weights, solved to
    /// convergence by L-BFGS from zero: deterministic, no seed), with the probe's test cross-entropy in nats. Labels are
    /// class indices &gt;= 0; the class count is the largest label + 1, and the fit's memory (the standardised copy, the
    /// full batch's logits, the L-BFGS vectors; see <c>LinearProbe.TrainingBytes</c>) is checked against the memory budget
    /// (<paramref name="memoryBudget"/> bytes; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory) first.
    /// </summary>
    /// <param name="trainFeatures">Training rows (n x d).</param>
    /// <param name="trainLabels">Their classes.</param>
    /// <param name="testFeatures">Test rows (m x d).</param>
    /// <param name="testLabels">Their classes.</param>
    /// <param name="inverseRegularization">scikit-learn's C (default 1): larger, weaker penalty.</param>
    /// <param name="memoryBudget">Bytes the fit may take (null: the default budget).</param>
    /// <exception cref="ArgumentOutOfRangeException">A label &lt; 0 (ParamName trainLabels or testLabels), or C not positive and finite.</exception>
    /// <exception cref="ArgumentException">Bad features, counts that differ, or a probe over the budget (ParamName: the labels holding the largest label).</exception>
    public static (double Accuracy, double CrossEntropy) LinearProbe(double[][] trainFeatures, int[] trainLabels, double[][] testFeatures, int[] testLabels,
        double inverseRegularization = 1.0, long? memoryBudget = null)
    {
        var (train, test, classes, culprit) = CheckProbeInputs(trainFeatures, trainLabels, testFeatures, testLabels);
        if (!(inverseRegularization > 0) || double.IsPositiveInfinity(inverseRegularization))
            throw new ArgumentOutOfRangeException(nameof(inverseRegularization), inverseRegularization, $"inverseRegularization (C) must be positive and finite, got {inverseRegularization}");
        var budget = Budgets.Resolve(memoryBudget);
        budget.Require(CoreProbe.TrainingBytes(train.Rows, train.Cols, classes),
            $"{culprit} holds label {classes - 1}, so {MemoryBudget.ShowCount(classes)} classes: a linear probe of {train.Cols} features x "
            + $"{MemoryBudget.ShowCount(classes)} classes ({MemoryBudget.ShowCount(CoreProbe.ParameterCount(train.Cols, classes))} parameters)", culprit, "to train");
        var probe = CoreProbe.Fit(train, trainLabels, ClassCount(classes, culprit), inverseRegularization, budget: budget);
        return (CoreProbe.Accuracy(probe.Predict(test), testLabels), probe.CrossEntropy(test, testLabels));
    }

    /// <summary>
    /// Accuracy of k-nearest-neighbour voting under cosine similarity. Labels are class indices &gt;= 0; the
    /// comparison's memory (normalised copies and a bounded block of similarities) is checked against the memory
    /// budget (<paramref name="memoryBudget"/> bytes; null: the default) first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1, or a label &lt; 0 (ParamName trainLabels or testLabels).</exception>
    /// <exception cref="ArgumentException">Bad features, counts that differ, or a comparison over the budget (ParamName trainFeatures).</exception>
    public static double KnnAccuracy(double[][] trainFeatures, int[] trainLabels, double[][] testFeatures, int[] testLabels, int k = 5, long? memoryBudget = null)
    {
        var (train, test, classes, culprit) = CheckProbeInputs(trainFeatures, trainLabels, testFeatures, testLabels);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be >= 1, got {k}");
        var budget = Budgets.Resolve(memoryBudget);
        budget.Require(CoreKnn.PredictionBytes(train.Rows, test.Rows, train.Cols),
            $"k-NN of {MemoryBudget.ShowCount(test.Rows)} test rows against {MemoryBudget.ShowCount(train.Rows)} training rows of {train.Cols} features",
            nameof(trainFeatures), "to compare");
        return CoreProbe.Accuracy(CoreKnn.Predict(train, trainLabels, test, ClassCount(classes, culprit), k, budget), testLabels);
    }

    /// <summary>
    /// Projects both sets onto the top <paramref name="components"/> principal components of the training set. The
    /// fit's d x d covariance and eigendecomposition are checked against the memory budget
    /// (<paramref name="memoryBudget"/> bytes; null: the default) first.
    /// </summary>
    /// <exception cref="ArgumentException">Bad rows, or a fit over the budget (ParamName train).</exception>
    public static (double[][] Train, double[][] Test) Pca(double[][] train, double[][] test, int components, long? memoryBudget = null)
    {
        var d = Check.Matrix(train, nameof(train));
        Check.Matrix(test, nameof(test), d);
        if (components < 1 || components > d) throw new ArgumentOutOfRangeException(nameof(components), components, $"components must be in [1, {d}], got {components}");
        var budget = Budgets.Resolve(memoryBudget);
        budget.Require(CorePca.FitBytes(train.Length, d), $"PCA of {MemoryBudget.ShowCount(train.Length)} rows of {MemoryBudget.ShowCount(d)} features (a {d} x {d} covariance)",
            nameof(train), "to fit");
        var model = CorePca.Fit(Tensor.FromRows(train), components, budget);
        return (model.Transform(Tensor.FromRows(train)).ToRows(), model.Transform(Tensor.FromRows(test)).ToRows());
    }

    /// <summary>
    /// The disentanglement metrics (MIG, SAP, DCI disentanglement, completeness and informativeness, modularity,
    /// explicitness; see <c>RepLearn.Functional.Information.Disentanglement.Evaluate</c>) of <paramref name="codes"/>
    /// (n rows of d values) against ground-truth <paramref name="factors"/> (n rows of K factor indices, as
    /// <see cref="Datasets.ShapesFactors"/> returns them). The rows are split at random by <paramref name="seed"/> into
    /// 80% for fitting and 20% for testing; SAP uses its continuous-factor variant (R^2), which suits indices of evenly
    /// spaced values such as the shapes factors.
    /// </summary>
    /// <exception cref="ArgumentException">Bad codes or factors (null, empty, ragged, non-finite, fewer than 10 rows, or counts that differ); ParamName names the array.</exception>
    public static DisentanglementScores Disentanglement(double[][] codes, int[][] factors, long seed = 0)
    {
        Check.Matrix(codes, nameof(codes));
        Check.NotNull(factors, nameof(factors));
        if (factors.Length != codes.Length) throw new ArgumentException($"factors has {factors.Length} rows for {codes.Length} rows of codes", nameof(factors));
        if (codes.Length < 10) throw new ArgumentException($"codes has {codes.Length} rows; at least 10 are needed (2 of them for testing)", nameof(codes));
        var k = factors[0]?.Length ?? 0;
        if (k == 0) throw new ArgumentException("factors[0] is null or empty; every row must hold at least one factor", nameof(factors));
        for (var r = 0; r < factors.Length; r++)
            if (factors[r] is null || factors[r].Length != k)
                throw new ArgumentException($"factors[{r}] has {factors[r]?.Length.ToString() ?? "no"} values but factors[0] has {k}; rows must all have the same width", nameof(factors));
        var columns = Enumerable.Range(0, k).Select(j => factors.Select(row => row[j]).ToArray()).ToArray();
        return CoreDisentanglement.Evaluate(Tensor.FromRows(codes), columns, Key.FromSeed(seed));
    }

    /// <summary>
    /// The scores of the first <c>Disentanglement</c> overload plus the two sampled scores, BetaVAE and FactorVAE
    /// (<c>RepLearn.Functional.Information.BetaVaeScore</c> and <c>FactorVaeScore</c>, as disentanglement_lib's beta_vae.py
    /// and factor_vae.py), of <paramref name="encodeShapes"/> (28x28 shapes images, 784 values a row, to codes; e.g. a
    /// model's <c>Encode</c>) on freshly generated shapes: batches of 64, <paramref name="sampledPoints"/> training and as
    /// many evaluation points for each score (disentanglement_lib: 10000 and 5000), 2000 images for FactorVAE's variances.
    /// Chance for both is 1/5 (five factors).
    /// </summary>
    /// <exception cref="ArgumentException">As the first overload, or an encoder giving bad rows (ParamName encodeShapes).</exception>
    /// <exception cref="ArgumentOutOfRangeException">sampledPoints &lt; 1.</exception>
    public static DisentanglementScores Disentanglement(double[][] codes, int[][] factors, Func<double[][], double[][]> encodeShapes, long seed = 0, int sampledPoints = 500)
    {
        ArgumentNullException.ThrowIfNull(encodeShapes);
        if (sampledPoints < 1) throw new ArgumentOutOfRangeException(nameof(sampledPoints), sampledPoints, $"sampledPoints must be >= 1, got {sampledPoints}");
        var scores = Disentanglement(codes, factors, seed);
        var options = SampledMetricOptions.Default with { TrainPoints = sampledPoints, EvalPoints = sampledPoints };
        Tensor Encode(Tensor images)
        {
            var encoded = encodeShapes(images.ToRows());
            Check.Matrix(encoded, nameof(encodeShapes));
            return Tensor.FromRows(encoded);
        }
        var key = Key.FromSeed(seed);
        return scores with
        {
            BetaVae = BetaVaeScore.Compute(Encode, Shapes.Sampler, key.FoldIn(1), options).Eval,
            FactorVae = FactorVaeScore.Compute(Encode, Shapes.Sampler, key.FoldIn(2), options).Eval,
        };
    }

    /// <summary>
    /// Checks features and labels; returns the tensors, the class count (largest label + 1, as a long: a label of
    /// int.MaxValue gives 2^31) and the name of the labels array holding the largest label.
    /// </summary>
    private static (Tensor Train, Tensor Test, long Classes, string Culprit) CheckProbeInputs(double[][] trainFeatures, int[] trainLabels, double[][] testFeatures, int[] testLabels)
    {
        var d = Check.Matrix(trainFeatures, nameof(trainFeatures));
        Check.Matrix(testFeatures, nameof(testFeatures), d);
        Check.NotNull(trainLabels, nameof(trainLabels));
        Check.NotNull(testLabels, nameof(testLabels));
        if (trainLabels.Length != trainFeatures.Length) throw new ArgumentException($"trainLabels has {trainLabels.Length} labels for {trainFeatures.Length} rows", nameof(trainLabels));
        if (testLabels.Length != testFeatures.Length) throw new ArgumentException($"testLabels has {testLabels.Length} labels for {testFeatures.Length} rows", nameof(testLabels));
        NonNegative(trainLabels, nameof(trainLabels));
        NonNegative(testLabels, nameof(testLabels));
        var (trainMax, testMax) = (trainLabels.Max(), testLabels.Max());
        return (Tensor.FromRows(trainFeatures), Tensor.FromRows(testFeatures), Math.Max(trainMax, testMax) + 1L,
            testMax > trainMax ? nameof(testLabels) : nameof(trainLabels));
    }

    private static void NonNegative(int[] labels, string name)
    {
        for (var i = 0; i < labels.Length; i++)
            if (labels[i] < 0) throw new ArgumentOutOfRangeException(name, labels[i], $"{name}[{i}] = {labels[i]}; labels must be class indices >= 0");
    }

    /// <summary>The class count as an int: at most int.MaxValue, so the largest label at most int.MaxValue - 1.</summary>
    private static int ClassCount(long classes, string culprit) => classes <= int.MaxValue ? (int)classes
        : throw new ArgumentOutOfRangeException(culprit, classes - 1,
            $"{culprit} holds label {classes - 1}: the class count (largest label + 1 = {MemoryBudget.ShowCount(classes)}) must be at most {int.MaxValue}");
}
