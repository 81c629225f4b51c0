using Core = RepLearn.Functional.Objectives.Losses;

namespace RepLearn;

/// <summary>
/// The lectures' losses on plain arrays. KL divergences and negative log-likelihoods are summed over
/// dimensions; InfoNCE and NT-Xent are averaged over anchors; similarities are cosine similarities
/// divided by the temperature. Bad input throws <see cref="ArgumentException"/> naming the parameter.
/// </summary>
/// <example><code>
/// double kl = Losses.GaussianKl([0.5, -1.0], [0.1, -0.3]);
/// double nce = Losses.InfoNce(anchors, positives, negatives, temperature: 0.1);
/// </code></example>
public static class Losses
{
    /// <summary>KL(N(mu, diag e^logVar) || N(0, I)) = 1/2 sum_j (mu_j^2 + e^logVar_j - logVar_j - 1).</summary>
    public static double GaussianKl(double[] mu, double[] logVar)
    {
        Check.Vector(mu, nameof(mu));
        Check.Vector(logVar, nameof(logVar));
        Check.SameLength(mu, nameof(mu), logVar, nameof(logVar));
        return Core.GaussianKl(Row(mu), Row(logVar)).ToScalar();
    }

    /// <summary>
    /// KL(N(mu1, diag e^logVar1) || N(mu2, diag e^logVar2)) =
    /// 1/2 sum_j [logVar2_j - logVar1_j + (e^logVar1_j + (mu1_j - mu2_j)^2) / e^logVar2_j - 1].
    /// </summary>
    public static double GaussianKl(double[] mu1, double[] logVar1, double[] mu2, double[] logVar2)
    {
        Check.Vector(mu1, nameof(mu1));
        Check.Vector(logVar1, nameof(logVar1));
        Check.Vector(mu2, nameof(mu2));
        Check.Vector(logVar2, nameof(logVar2));
        Check.SameLength(mu1, nameof(mu1), logVar1, nameof(logVar1));
        Check.SameLength(mu1, nameof(mu1), mu2, nameof(mu2));
        Check.SameLength(mu1, nameof(mu1), logVar2, nameof(logVar2));
        return Core.GaussianKl(Row(mu1), Row(logVar1), Row(mu2), Row(logVar2)).ToScalar();
    }

    /// <summary>
    /// Bernoulli negative log-likelihood from logits, summed: sum_j [(1 - t_j) l_j + softplus(-l_j)]
    /// (PyTorch's binary_cross_entropy_with_logits with reduction "sum"). Targets must lie in [0, 1].
    /// </summary>
    public static double BernoulliNll(double[] logits, double[] targets)
    {
        Check.Vector(logits, nameof(logits));
        Check.Vector(targets, nameof(targets));
        Check.SameLength(logits, nameof(logits), targets, nameof(targets));
        Check.Probabilities(targets, nameof(targets));
        return Core.BernoulliNll(Row(logits), Row(targets)).ToScalar();
    }

    /// <summary>-log N(x; mu, diag e^logVar) = 1/2 sum_j [ln 2 pi + logVar_j + (x_j - mu_j)^2 e^-logVar_j].</summary>
    public static double GaussianNll(double[] x, double[] mu, double[] logVar)
    {
        Check.Vector(x, nameof(x));
        Check.Vector(mu, nameof(mu));
        Check.Vector(logVar, nameof(logVar));
        Check.SameLength(x, nameof(x), mu, nameof(mu));
        Check.SameLength(x, nameof(x), logVar, nameof(logVar));
        return Core.GaussianNll(Row(x), Row(mu), Row(logVar)).ToScalar();
    }

    /// <summary>sim(u, v) = u.v / (max(||u||, 1e-12) max(||v||, 1e-12)), in [-1, 1]; 0 when either is the zero vector.</summary>
    public static double CosineSimilarity(double[] u, double[] v)
    {
        Check.Vector(u, nameof(u));
        Check.Vector(v, nameof(v));
        Check.SameLength(u, nameof(u), v, nameof(v));
        return Core.CosineSimilarity(Row(u), Row(v)).ToScalar();
    }

    /// <summary>
    /// InfoNCE averaged over the N anchors: mean_i -log [e^(s(a_i, p_i)/tau) / (e^(s(a_i, p_i)/tau) + sum_k e^(s(a_i, n_ik)/tau))],
    /// s the cosine similarity. <paramref name="negatives"/>[i] holds anchor i's K negatives (the same K for all).
    /// </summary>
    public static double InfoNce(double[][] anchors, double[][] positives, double[][][] negatives, double temperature)
    {
        var d = Check.Matrix(anchors, nameof(anchors));
        Check.Matrix(positives, nameof(positives), d);
        Check.NotNull(negatives, nameof(negatives));
        if (negatives.Length != anchors.Length)
            throw new ArgumentException($"negatives has {negatives.Length} entries but there are {anchors.Length} anchors; give K negatives per anchor", nameof(negatives));
        if (positives.Length != anchors.Length)
            throw new ArgumentException($"positives has {positives.Length} rows but anchors has {anchors.Length}", nameof(positives));
        Check.Temperature(temperature);
        var k = negatives[0]?.Length ?? 0;
        if (k == 0) throw new ArgumentException("negatives[0] is empty; InfoNCE needs K >= 1 negatives per anchor", nameof(negatives));
        if ((long)anchors.Length * k > Array.MaxLength)
            throw new ArgumentException($"{anchors.Length} anchors x {k} negatives is more rows than one array can hold", nameof(negatives));
        var flat = new double[anchors.Length * k][];
        for (var i = 0; i < anchors.Length; i++)
        {
            if (negatives[i] is null || negatives[i].Length != k)
                throw new ArgumentException($"negatives[{i}] has {negatives[i]?.Length ?? 0} negatives but negatives[0] has {k}; every anchor needs the same K", nameof(negatives));
            Check.Matrix(negatives[i], $"negatives[{i}]", d, nameof(negatives));
            for (var j = 0; j < k; j++) flat[i * k + j] = negatives[i][j];
        }
        var perAnchor = Core.InfoNce(Tensor.FromRows(anchors), Tensor.FromRows(positives), Tensor.FromRows(flat), k, temperature);
        return Functional.Autodiff.Ops.Mean(perAnchor).ToScalar();
    }

    /// <summary>
    /// NT-Xent (SimCLR) averaged over the 2N samples of two views: each sample's positive is its other
    /// view and the other 2N - 2 samples are its negatives; logits are cosine similarities / tau. N must be at least 2.
    /// </summary>
    public static double NtXent(double[][] viewA, double[][] viewB, double temperature)
    {
        var d = Check.Matrix(viewA, nameof(viewA));
        Check.Matrix(viewB, nameof(viewB), d);
        if (viewB.Length != viewA.Length)
            throw new ArgumentException($"viewB has {viewB.Length} rows but viewA has {viewA.Length}; each sample needs two views", nameof(viewB));
        Check.Temperature(temperature);
        if (viewA.Length < 2)
            throw new ArgumentException($"viewA has {viewA.Length} row; NT-Xent needs at least 2 (each sample's negatives are the other samples' views)", nameof(viewA));
        return Functional.Autodiff.Ops.Mean(Core.NtXent(Tensor.FromRows(viewA), Tensor.FromRows(viewB), temperature)).ToScalar();
    }

    private static Tensor Row(double[] values) => Tensor.RowVector(values);
}
