using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace RepLearn.Functional.Information;

/// <summary>
/// Multinomial logistic regression as scikit-learn's default <c>LogisticRegression()</c> fits it (the classifier of
/// disentanglement_lib's BetaVAE score): softmax over the classes seen in training, L2 penalty with C = 1 on the weights
/// but not on the intercepts, on the features as given (no standardisation). It minimises
/// J(W, b) = (1/n) sum_i CE(softmax(W x_i + b), y_i) + ||W||^2 / (2 n C).
/// <para>
/// The fit centres the features at their training mean first, which changes nothing but the intercepts (they are not
/// penalised), and then runs Nesterov's accelerated gradient from zero with step 1/L, where
/// L = max(lambda_max(Cov x), 1) / 2 + 1 / (n C) bounds the curvature of J (the softmax Hessian is at most I/2, Boehning
/// 1992). Zero start and full-batch steps make the fit equivariant to permuting the features (up to rounding).
/// scikit-learn stops L-BFGS after 100 iterations; both stop short of the exact optimum when the classes are separable.
/// </para>
/// </summary>
internal sealed class SoftmaxRegression
{
    private readonly int[] classes;   // class value of each output
    private readonly double[] mean;   // training mean of the features
    private readonly double[,] w;     // d x C weights on centred features
    private readonly double[] b;      // C intercepts

    private SoftmaxRegression(int[] classes, double[] mean, double[,] w, double[] b) => (this.classes, this.mean, this.w, this.b) = (classes, mean, w, b);

    /// <summary>Fits on rows <paramref name="x"/> (n x d) and labels (any ints); <paramref name="iterations"/> accelerated steps.</summary>
    public static SoftmaxRegression Fit(double[][] x, int[] labels, double c = 1.0, int iterations = 1000)
    {
        var (n, d) = (x.Length, x[0].Length);
        var classes = labels.Distinct().Order().ToArray();
        var index = classes.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var y = labels.Select(v => index[v]).ToArray();
        var k = classes.Length;
        var mean = new double[d];
        foreach (var row in x)
            for (var j = 0; j < d; j++) mean[j] += row[j];
        for (var j = 0; j < d; j++) mean[j] /= n;
        var centred = x.Select(row => row.Select((v, j) => v - mean[j]).ToArray()).ToArray();
        var w = new double[d, k];
        var b = new double[k];
        if (k < 2) return new SoftmaxRegression(classes, mean, w, b);
        var covariance = new double[d, d];
        foreach (var row in centred)
            for (var p = 0; p < d; p++)
                for (var q = 0; q < d; q++) covariance[p, q] += row[p] * row[q] / n;
        var top = Matrix<double>.Build.DenseOfArray(covariance).Evd(Symmetricity.Symmetric).EigenValues.Max(e => e.Real);
        var step = 1.0 / (Math.Max(top, 1.0) / 2 + 1.0 / (n * c));
        // Nesterov: theta_{t+1} = v_t - step grad(v_t), v_{t+1} = theta_{t+1} + (t / (t + 3)) (theta_{t+1} - theta_t).
        var (vw, vb) = ((double[,])w.Clone(), (double[])b.Clone());
        var (gw, gb) = (new double[d, k], new double[k]);
        var logits = new double[k];
        for (var t = 0; t < iterations; t++)
        {
            Array.Clear(gw);
            Array.Clear(gb);
            for (var i = 0; i < n; i++)
            {
                Softmax(centred[i], vw, vb, logits);
                for (var cl = 0; cl < k; cl++)
                {
                    var g = (logits[cl] - (y[i] == cl ? 1 : 0)) / n;
                    gb[cl] += g;
                    for (var j = 0; j < d; j++) gw[j, cl] += g * centred[i][j];
                }
            }
            var momentum = t / (t + 3.0);
            for (var cl = 0; cl < k; cl++)
            {
                var bNext = vb[cl] - step * gb[cl];
                vb[cl] = bNext + momentum * (bNext - b[cl]);
                b[cl] = bNext;
                for (var j = 0; j < d; j++)
                {
                    var wNext = vw[j, cl] - step * (gw[j, cl] + vw[j, cl] / (n * c));
                    vw[j, cl] = wNext + momentum * (wNext - w[j, cl]);
                    w[j, cl] = wNext;
                }
            }
        }
        return new SoftmaxRegression(classes, mean, w, b);
    }

    /// <summary>The class of largest probability for each row (ties to the smaller class value).</summary>
    public int[] Predict(double[][] x)
    {
        var k = classes.Length;
        var probabilities = new double[k];
        return x.Select(row =>
        {
            var centred = row.Select((v, j) => v - mean[j]).ToArray();
            Softmax(centred, w, b, probabilities);
            var best = 0;
            for (var cl = 1; cl < k; cl++) if (probabilities[cl] > probabilities[best]) best = cl;
            return classes[best];
        }).ToArray();
    }

    /// <summary>The fraction of rows predicted right.</summary>
    public double Accuracy(double[][] x, int[] labels)
    {
        var predicted = Predict(x);
        var right = 0;
        for (var i = 0; i < labels.Length; i++) if (predicted[i] == labels[i]) right++;
        return (double)right / labels.Length;
    }

    private static void Softmax(double[] x, double[,] w, double[] b, double[] into)
    {
        var k = b.Length;
        var max = double.NegativeInfinity;
        for (var cl = 0; cl < k; cl++)
        {
            var s = b[cl];
            for (var j = 0; j < x.Length; j++) s += w[j, cl] * x[j];
            into[cl] = s;
            max = Math.Max(max, s);
        }
        var sum = 0.0;
        for (var cl = 0; cl < k; cl++) sum += into[cl] = Math.Exp(into[cl] - max);
        for (var cl = 0; cl < k; cl++) into[cl] /= sum;
    }
}
