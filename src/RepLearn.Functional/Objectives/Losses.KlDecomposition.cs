namespace RepLearn.Functional.Objectives;

/// <summary>How the aggregate posterior q(z) = (1/N) sum_n q(z | n) is estimated from a minibatch of M of the N data points.</summary>
public enum AggregatePosteriorEstimator
{
    /// <summary>
    /// Minibatch-weighted sampling (Chen et al. 2018, "training with minibatch-weighted sampling", as in their reference code): every batch member's
    /// posterior weighted 1/(N M), log q(z_i) ~ logsumexp_j log q(z_i | n_j) - log(N M). Biased: with the whole data
    /// set as the batch (M = N) it is the exact log q(z_i) minus log N (a constant, so gradients are exact there).
    /// </summary>
    MinibatchWeighted,

    /// <summary>
    /// Stratified weights: a sample's own posterior 1/N, each of the M - 1 others (N - 1)/(N (M - 1)), unbiased for
    /// q(z_i) when the others are drawn uniformly without replacement from the rest of the data. With the whole data
    /// set as the batch every weight is 1/N and the estimate is exact. (The idea of the paper's minibatch stratified
    /// sampling, written out here; not its reference code's weight matrix.) Needs M &lt;= N.
    /// </summary>
    MinibatchStratified,
}

/// <summary>
/// Chen et al.'s decomposition of a batch's KL term, each n x 1 (per sample i, at one draw z_i ~ q(z | n_i)).
/// Their sum, log q(z_i | n_i) - log p(z_i), is the one-sample estimate of KL(q(z | n_i) || p(z)).
/// </summary>
/// <param name="MutualInformation">Index-code MI, log q(z_i | n_i) - log q(z_i).</param>
/// <param name="TotalCorrelation">TC, log q(z_i) - sum_k log q(z_ik).</param>
/// <param name="DimensionWiseKl">Dimension-wise KL, sum_k [log q(z_ik) - log p(z_ik)].</param>
public sealed record KlDecomposition(Tensor MutualInformation, Tensor TotalCorrelation, Tensor DimensionWiseKl);

public static partial class Losses
{
    /// <summary>
    /// The decomposition of the average KL (Chen, Li, Grosse and Duvenaud 2018, "Isolating sources of disentanglement
    /// in VAEs", their "ELBO TC-decomposition"): E_p(n)[KL(q(z | n) || p(z))] = I_q(z; n) + KL(q(z) || prod_k q(z_k)) + sum_k KL(q(z_k) || p(z_k)),
    /// estimated per sample at z_i = mu_i + sigma_i eps_i with log q(z_i) ~ logsumexp_j [log w_ij + log q(z_i | n_j)] and
    /// log q(z_ik) ~ logsumexp_j [log w_ij + log q(z_ik | n_j)] over the batch j = 1..M, the weights w_ij from
    /// <paramref name="estimator"/> and the data-set size <paramref name="datasetSize"/> (N). All n x 1, differentiable
    /// in z, mu and logVar (the O(M^2 d) pairwise densities are held at once).
    /// </summary>
    /// <param name="z">M x d codes, z = mu + e^(logVar/2) eps.</param>
    /// <param name="eps">M x d, the noise that drew z (log q(z_i | n_i) is evaluated in it).</param>
    /// <param name="mu">M x d posterior means.</param>
    /// <param name="logVar">M x d posterior log-variances.</param>
    /// <param name="datasetSize">N &gt;= 1, the number of data points the batch is drawn from.</param>
    /// <param name="estimator">How q(z) is estimated from the batch.</param>
    public static KlDecomposition KlDecomposition(Tensor z, Tensor eps, Tensor mu, Tensor logVar, int datasetSize,
        AggregatePosteriorEstimator estimator = AggregatePosteriorEstimator.MinibatchWeighted)
    {
        Check.SameShape(mu, nameof(mu), z, nameof(z));
        Check.SameShape(mu, nameof(mu), logVar, nameof(logVar));
        var (m, d) = (mu.Rows, mu.Cols);
        var logW = AggregateLogWeights(m, datasetSize, estimator, z.DType);
        // pairwise[i d + k, j] = log q(z_ik | n_j): z_ik down the rows, the batch's posteriors across.
        var pairwise = GaussianLogDensity(Ops.Reshape(z, m * d, 1), Ops.TileRows(Ops.Transpose(mu), m), Ops.TileRows(Ops.Transpose(logVar), m));
        // log q(z_ik) per (i, k), summed over k: log prod_k q(z_ik).
        var logMarginals = Ops.LogSumExp(Ops.Add(pairwise, Ops.RepeatRows(logW, d)), 1);
        var logProduct = Ops.Sum(Ops.Reshape(logMarginals, m, d), 1);
        // joint[i, j] = sum_k pairwise[i d + k, j] = log q(z_i | n_j).
        var joint = Ops.Transpose(Ops.Reshape(Ops.Sum(Ops.Reshape(Ops.Transpose(pairwise), m * m, d), 1), m, m));
        var logQz = Ops.LogSumExp(Ops.Add(joint, logW), 1);
        var logQzx = ReparameterizedLogDensity(eps, logVar);
        return new KlDecomposition(Ops.Sub(logQzx, logQz), Ops.Sub(logQz, logProduct), Ops.Sub(logProduct, StandardNormalLogDensity(z)));
    }

    /// <summary>log w_ij, M x M: the weight of batch member j's posterior in the estimate of q(z_i).</summary>
    public static Tensor AggregateLogWeights(int batchSize, int datasetSize, AggregatePosteriorEstimator estimator, DType dtype = DType.Float64)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "the batch must have >= 1 row");
        if (datasetSize < 1) throw new ArgumentOutOfRangeException(nameof(datasetSize), datasetSize, $"{nameof(datasetSize)} must be >= 1, got {datasetSize}");
        if (estimator == AggregatePosteriorEstimator.MinibatchWeighted)
            return Tensor.Filled(batchSize, batchSize, -Math.Log((double)datasetSize * batchSize), dtype);
        if (estimator != AggregatePosteriorEstimator.MinibatchStratified)
            throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "unknown estimator");
        if (batchSize > datasetSize)
            throw new ArgumentException($"stratified sampling needs batch size <= {nameof(datasetSize)}, got {batchSize} > {datasetSize}", nameof(datasetSize));
        var self = -Math.Log(datasetSize);
        var other = batchSize == datasetSize || batchSize == 1 ? self   // (N - 1)/(N (N - 1)) = 1/N, without rounding
            : Math.Log(datasetSize - 1.0) - Math.Log((double)datasetSize * (batchSize - 1));
        return Tensor.Create(batchSize, batchSize, (i, j) => i == j ? self : other, dtype);
    }
}
