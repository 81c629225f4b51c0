namespace RepLearn.Functional.Information;

/// <summary>Shared checks and column access for the disentanglement metrics (codes n x d, factors as columns of n indices).</summary>
internal static class MetricInput
{
    /// <summary>Refuses empty codes, an empty factor list and factors whose length differs from the code rows.</summary>
    public static void Check(Tensor codes, IReadOnlyList<int[]> factors, string codesName = "codes", string factorsName = "factors")
    {
        if (codes.Rows < 2 || codes.Cols < 1)
            throw new ArgumentException($"{codesName} must have at least 2 rows and 1 column, not {codes.ShapeString}", codesName);
        if (factors.Count < 1) throw new ArgumentException($"{factorsName} must hold at least one factor, not {factors.Count}", factorsName);
        for (var k = 0; k < factors.Count; k++)
        {
            if (factors[k].Length != codes.Rows)
                throw new ArgumentException($"{factorsName}[{k}] has {factors[k].Length} values for {codes.Rows} codes", factorsName);
        }
        foreach (var v in codes.Span)
            if (!double.IsFinite(v)) throw new ArgumentException($"{codesName} holds the non-finite value {v}", codesName);
    }

    /// <summary>
    /// <see cref="Check"/> on the training pair and on the test pair, and refuses a test pair whose code width or number
    /// of factors differs from the training pair's.
    /// </summary>
    public static void CheckTrainTest(Tensor trainCodes, IReadOnlyList<int[]> trainFactors, Tensor testCodes, IReadOnlyList<int[]> testFactors)
    {
        Check(trainCodes, trainFactors, nameof(trainCodes), nameof(trainFactors));
        CheckTest(trainCodes, trainFactors, testCodes, testFactors);
    }

    /// <summary>The test half of <see cref="CheckTrainTest"/>, for a metric that reads the test pair only in some variants.</summary>
    public static void CheckTest(Tensor trainCodes, IReadOnlyList<int[]> trainFactors, Tensor testCodes, IReadOnlyList<int[]> testFactors)
    {
        Check(testCodes, testFactors, nameof(testCodes), nameof(testFactors));
        if (testCodes.Cols != trainCodes.Cols)
            throw new ArgumentException($"testCodes has {testCodes.Cols} columns but trainCodes has {trainCodes.Cols}", nameof(testCodes));
        if (testFactors.Count != trainFactors.Count)
            throw new ArgumentException($"testFactors has {testFactors.Count} factors but trainFactors has {trainFactors.Count}", nameof(testFactors));
    }

    /// <summary>The rows and columns of a code-by-factor matrix (importances, scores, mutual informations), refusing an empty one.</summary>
    public static (int Rows, int Cols) NonEmptyShape(double[,] matrix, string name)
    {
        var (rows, cols) = (matrix.GetLength(0), matrix.GetLength(1));
        if (rows < 1 || cols < 1) throw new ArgumentException($"{name} must be non-empty, not {rows} x {cols}", name);
        return (rows, cols);
    }

    /// <summary>(1/count) sum_i term(i), summed in order i = 0, 1, ...: a metric's mean over code dimensions or factors.</summary>
    public static double Mean(int count, Func<int, double> term)
    {
        var total = 0.0;
        for (var i = 0; i < count; i++) total += term(i);
        return total / count;
    }

    /// <summary>Column j of <paramref name="codes"/> as a fresh array.</summary>
    public static double[] Column(Tensor codes, int j)
    {
        var column = new double[codes.Rows];
        for (var i = 0; i < column.Length; i++) column[i] = codes[i, j];
        return column;
    }

    /// <summary>The columns of <paramref name="codes"/>.</summary>
    public static double[][] Columns(Tensor codes) => Enumerable.Range(0, codes.Cols).Select(j => Column(codes, j)).ToArray();

    /// <summary>Mean and population standard deviation of <paramref name="x"/> (std 1 when below 1e-12, as a constant column is only centred).</summary>
    public static (double Mean, double Std) Moments(double[] x)
    {
        var mean = x.Average();
        var variance = x.Sum(v => (v - mean) * (v - mean)) / x.Length;
        var std = Math.Sqrt(variance);
        return (mean, std < 1e-12 ? 1.0 : std);
    }

    /// <summary>x standardised with the given moments.</summary>
    public static double[] Standardise(double[] x, (double Mean, double Std) m) => x.Select(v => (v - m.Mean) / m.Std).ToArray();
}
