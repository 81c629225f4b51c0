namespace RepLearn.Functional.Models;

public static partial class Iwae
{
    /// <summary>k = 5000, the number of importance samples papers report log p(x) with (Burda et al. 2016, section 5).</summary>
    public const int EvaluationSamples = 5000;

    /// <summary>Rows of x encoded together by <see cref="LogMarginal"/>.</summary>
    public const int RowsPerBlock = 32;

    /// <summary>Importance samples decoded together by <see cref="LogMarginal"/> (so at most 32 x 64 = 2048 decoder rows at once).</summary>
    public const int SamplesPerChunk = 64;

    /// <summary>
    /// An estimate of log p(x) per row for any VAE (IWAE-trained or not): the k-sample bound L_k (Burda et al. 2016,
    /// section 3) with k = <paramref name="samples"/> (default <see cref="EvaluationSamples"/>), a lower bound in expectation
    /// that tightens as k grows. Memory stays bounded whatever k and n: rows are taken <see cref="RowsPerBlock"/> at a
    /// time and samples <see cref="SamplesPerChunk"/> at a time, combined by a running log-sum-exp,
    /// log sum_j w_j = logaddexp over chunks of logsumexp_{j in chunk} log w_j. Chunk c of row block b draws its noise
    /// from key.FoldIn(b).FoldIn(c) (<see cref="LogWeights(VaeParams, VaeConfig, Tensor, int, Key)"/>), so the result is
    /// a pure function of (p, config, x, key, samples); with one block and one chunk it is
    /// <see cref="Bound"/>(p, config, x, samples, key.FoldIn(0).FoldIn(0)). Nothing is recorded for gradients. Result n x 1.
    /// </summary>
    public static Tensor LogMarginal(VaeParams p, VaeConfig config, Tensor x, Key key, int samples = EvaluationSamples)
    {
        Check.AtLeast(samples, 1, nameof(samples));
        var constants = Tree.Map(p, t => t.Detach());
        var data = x.Detach();
        var result = new double[data.Rows];
        for (var b = 0; b * RowsPerBlock < data.Rows; b++)
        {
            var rows = data.SliceRows(b * RowsPerBlock, Math.Min(RowsPerBlock, data.Rows - b * RowsPerBlock));
            var (mu, logVar) = Vae.Encode(constants, rows);
            var sums = new double[rows.Rows];                                   // log sum_j w_ij so far
            Array.Fill(sums, double.NegativeInfinity);
            for (var c = 0; c * SamplesPerChunk < samples; c++)
            {
                var chunk = Math.Min(SamplesPerChunk, samples - c * SamplesPerChunk);
                var lse = Ops.LogSumExp(LogWeights(constants, config, rows, mu, logVar, chunk, key.FoldIn(b).FoldIn(c)), 1).ToArray();
                for (var i = 0; i < sums.Length; i++) sums[i] = LogAddExp(sums[i], lse[i]);
            }
            for (var i = 0; i < sums.Length; i++) result[b * RowsPerBlock + i] = sums[i] - Math.Log(samples);
        }
        return Tensor.FromSpan(data.Rows, 1, result, x.DType);
    }

    // log(e^a + e^b), exact when either is -inf.
    private static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        var m = Math.Max(a, b);
        return m + Scalar.Log1p(Math.Exp(-Math.Abs(a - b)));
    }
}
