namespace RepLearn.Functional.Evaluation;

/// <summary>
/// A fitted linear probe: the standardisation of the features and the softmax classifier, with how the fit ended.
/// </summary>
/// <param name="Standardizer">The training features' z-scoring.</param>
/// <param name="Classifier">W (classes x features) and b (1 x classes) on standardised features.</param>
/// <param name="Classes">The number of classes.</param>
/// <param name="Iterations">L-BFGS steps the fit took.</param>
/// <param name="Converged">False when the fit stopped at its iteration limit before meeting its tolerance.</param>
public sealed record LinearProbeModel(Standardizer Standardizer, Dense Classifier, int Classes, int Iterations, bool Converged)
{
    /// <summary>The class scores W h' + b for standardised features h' (float64, whatever the features' dtype).</summary>
    public Tensor Logits(Tensor features) => Dense.Apply(Classifier, Standardizer.Apply(LinearProbe.Wide(features)));

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
/// Linear probing of frozen features as researchers compare it: multinomial logistic regression on standardised
/// features with scikit-learn's default L2 penalty (<c>LogisticRegression(C=1)</c>), minimising
/// J(W, b) = (1/n) sum_i CE(softmax(W h_i + b), y_i) + ||W||^2 / (2 n C) (the intercepts unpenalised) by full-batch L-BFGS
/// from zero to convergence. The problem is convex and the start fixed, so the probe has no seed and no schedule to tune:
/// its score measures how linearly the representation separates the classes, not how long the probe was trained.
/// </summary>
public static class LinearProbe
{
    /// <summary>Per-row cross-entropy LSE(logits_r) - logits_r,y_r, as n x 1.</summary>
    public static Tensor CrossEntropy(Tensor logits, int[] labels) =>
        Ops.Sub(Ops.LogSumExp(logits, 1), Ops.PickPerRow(logits, labels));

    /// <summary>L-BFGS steps at most (scikit-learn stops at 100, short of the optimum on wide raw inputs).</summary>
    public const int MaxIterations = 1000;

    /// <summary>Stop when max |dJ/dtheta| is at most this (scikit-learn's tol is 1e-4; ten times tighter here).</summary>
    public const double GradientTolerance = 1e-5;

    /// <summary>Curvature pairs the L-BFGS keeps (scipy's default).</summary>
    private const int Memory = 10;

    /// <summary>
    /// The memory a probe of <paramref name="features"/> inputs and <paramref name="classes"/> outputs takes to fit on
    /// <paramref name="rows"/> rows, saturating: the standardised copy of the data, the full batch's logits and their
    /// gradient (<see cref="MemoryFootprint.ActivationBytes"/>), and the parameters' vectors: point, gradient, trial point,
    /// direction and the L-BFGS memory's 2 x 10 pairs.
    /// </summary>
    public static long TrainingBytes(long rows, long features, long classes) => MemoryFootprint.Sum(
        MemoryFootprint.Product(rows, MemoryFootprint.Sum(features, 1), MemoryFootprint.BytesPerDouble),
        MemoryFootprint.Product(rows, classes, MemoryFootprint.BytesPerActivation),
        MemoryFootprint.Product(2 * Memory + 6, ParameterCount(features, classes), MemoryFootprint.BytesPerDouble));

    /// <summary>The probe's parameters, (features + 1) x classes, saturating.</summary>
    public static long ParameterCount(long features, long classes) => MemoryFootprint.Product(MemoryFootprint.Sum(features, 1), classes);

    /// <summary>
    /// Fits a probe on (features, labels): labels in [0, classes). The fit's memory (<see cref="TrainingBytes"/>) is
    /// checked against <paramref name="budget"/> (null: <see cref="MemoryBudget.Default"/>) before anything is allocated.
    /// </summary>
    /// <param name="features">n x d features (any dtype; the fit runs in float64).</param>
    /// <param name="labels">n class indices.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="inverseRegularization">scikit-learn's C: the penalty is ||W||^2 / (2 n C); larger C, weaker penalty.</param>
    /// <param name="maxIterations">L-BFGS steps at most.</param>
    /// <param name="budget">The memory budget.</param>
    /// <exception cref="ArgumentException">No rows, the label count differs from the rows, or the probe needs more memory than the budget (ParamName classes).</exception>
    /// <exception cref="ArgumentOutOfRangeException">classes &lt; 1, a label outside [0, classes), C not positive and finite, or maxIterations &lt; 1.</exception>
    public static LinearProbeModel Fit(Tensor features, int[] labels, int classes, double inverseRegularization = 1.0, int maxIterations = MaxIterations,
        MemoryBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != features.Rows) throw new ArgumentException($"{labels.Length} labels for {features.Rows} feature rows", nameof(labels));
        if (features.Rows == 0) throw new ArgumentException("a probe needs at least one row of features, got 0", nameof(features));
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be >= 1, got {classes}");
        if (!(inverseRegularization > 0) || double.IsPositiveInfinity(inverseRegularization))
            throw new ArgumentOutOfRangeException(nameof(inverseRegularization), inverseRegularization, $"inverseRegularization (C) must be positive and finite, got {inverseRegularization}");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, $"maxIterations must be >= 1, got {maxIterations}");
        for (var i = 0; i < labels.Length; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels[{i}] = {labels[i]} is outside [0, {classes})");
        (budget ?? MemoryBudget.Default).Require(TrainingBytes(features.Rows, features.Cols, classes),
            $"a linear probe of {features.Cols} features x {MemoryBudget.ShowCount(classes)} classes ({MemoryBudget.ShowCount(ParameterCount(features.Cols, classes))} parameters)",
            nameof(classes), "to train");
        var wide = Wide(features);
        var standardizer = Standardizer.Fit(wide);
        var x = standardizer.Apply(wide);
        var (d, n) = (x.Cols, x.Rows);
        var penalty = 1.0 / (2.0 * n * inverseRegularization);
        Dense Unpack(double[] theta) => new(Tensor.FromSpan(classes, d, theta.AsSpan(0, classes * d)), Tensor.FromSpan(1, classes, theta.AsSpan(classes * d)));
        Objective objective = theta =>
        {
            var (value, gradient) = Grad.ValueAndGrad<Dense>(p => Ops.Add(
                Ops.Mean(CrossEntropy(Dense.Apply(p, x), labels)),
                Ops.Scale(Ops.Sum(Ops.Square(p.Weight)), penalty)), Unpack(theta));
            return (value, [.. gradient.Weight.ToArray(), .. gradient.Bias.ToArray()]);
        };
        var fit = Lbfgs.Minimize(objective, new double[(d + 1) * classes], maxIterations, GradientTolerance, memory: Memory);
        return new LinearProbeModel(standardizer, Unpack(fit.Point), classes, fit.Iterations, fit.Converged);
    }

    /// <summary>The features in float64, where the probe is fitted and applied.</summary>
    internal static Tensor Wide(Tensor features) => features.DType == DType.Float64 ? features : features.AsType(DType.Float64);

    /// <summary>The fraction of rows whose predicted class equals the label.</summary>
    public static double Accuracy(int[] predicted, int[] labels) =>
        predicted.Length == 0 ? double.NaN : predicted.Where((p, i) => p == labels[i]).Count() / (double)predicted.Length;
}
