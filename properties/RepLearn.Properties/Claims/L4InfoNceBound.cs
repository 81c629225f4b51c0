using RepLearn.Claims;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using Xunit;
using Xunit.Abstractions;
using static RepLearn.Claims.ClaimCheck;
using Core = RepLearn.Functional.Objectives.Losses;

namespace RepLearn.Properties.Claims;

/// <summary>
/// Claim <b>L4-infonce-bound</b> (Lecture 4): "log(K+1) - L_NCE is a lower bound on I(z; z+) and can never exceed
/// log(K+1)."
/// <para>
/// The estimator. With a critic f and a batch of B = K + 1 pairs (x_i, y_i) whose other y_k serve as x_i's K
/// negatives, L_NCE = mean_i [LSE_k f(x_i, y_k) - f(x_i, y_i)] and I_NCE = log(K+1) - L_NCE (van den Oord et al.
/// 2018; Poole et al. 2019, "On variational bounds of mutual information", eq. 12), with E[I_NCE] &lt;= I(x; y). The
/// library's <c>Losses.InfoNce</c> fixes the critic to cosine similarity / tau; here the critic is a score matrix,
/// so the estimator is written from it with <c>Ops.LogSumExp</c> and <c>Ops.PickPerRow</c> — the same
/// log-softmax form, which <see cref="ScoreMatrixFormEqualsLibraryInfoNce"/> checks against <c>Losses.InfoNce</c>
/// on cosine scores (exact, to rounding).
/// </para>
/// <para>
/// Method. Data: <c>CorrelatedGaussians</c> (d = 20) at true I(x; y) = -(d/2) log(1 - rho^2) in
/// {0.25, 1, 2, 4, 8, 16, 32} nats; critic: the optimal one, the log density ratio
/// (<c>LogDensityRatioMatrix</c>); B = K + 1 in {16, 64}; 100 batches per point, fixed seeds. Checks: every batch
/// estimate is &lt;= log(K+1) (exact, up to 4 u (max|f| + log B) rounding); the mean over batches is &lt;= the true
/// MI + 3 standard errors (statistical); and when MI &gt;= 4 log(K+1) the mean estimate is within 2% of log(K+1)
/// (saturation), and the estimates grow with MI (each MI level's mean is at least the previous one's minus 3
/// standard errors). The table of estimates vs true MI is written to the test output. A trained critic is not
/// covered here.
/// </para>
/// </summary>
public class L4InfoNceBound(ITestOutputHelper output)
{
    private const double U = 1.1102230246251565e-16; // 2^-53
    private const int Dim = 20;
    private const int Batches = 100;
    private static readonly double[] MiLevels = [0.25, 1, 2, 4, 8, 16, 32];

    /// <summary>I_NCE = log B - mean_i (LSE_k S_ik - S_ii) for a B x B score matrix S (row i: anchor i, column i its positive).</summary>
    internal static double InfoNceEstimate(Tensor scores)
    {
        var b = scores.Rows;
        var diagonal = Ops.PickPerRow(scores, Enumerable.Range(0, b).ToArray());
        var loss = Ops.Mean(Ops.Sub(Ops.LogSumExp(scores, 1), diagonal))[0, 0];
        return Math.Log(b) - loss;
    }

    /// <summary>Per-batch estimates with the optimal critic at one MI level.</summary>
    private static double[] Estimates(double mi, int batchSize, long seed, out double maxAbsScore)
    {
        var rho = CorrelatedGaussians.RhoForMutualInformation(Dim, mi);
        var estimates = new double[Batches];
        maxAbsScore = 0;
        for (var t = 0; t < Batches; t++)
        {
            var (x, y) = CorrelatedGaussians.Generate(Key.FromSeed(seed).FoldIn(t), batchSize, Dim, rho);
            var scores = CorrelatedGaussians.LogDensityRatioMatrix(x, y, rho);
            maxAbsScore = Math.Max(maxAbsScore, scores.ToArray().Max(Math.Abs));
            estimates[t] = InfoNceEstimate(scores);
        }
        return estimates;
    }

    /// <summary>The estimate never exceeds log(K+1) nor (on average) the true MI, and saturates at log(K+1).</summary>
    [Theory]
    [InlineData(16, 501L)]
    [InlineData(64, 502L)]
    public void OptimalCriticEstimateIsALowerBoundThatSaturatesAtLogKPlusOne(int batchSize, long seed)
    {
        var logB = Math.Log(batchSize);
        var previous = double.NegativeInfinity;
        var previousSe = 0.0;
        output.WriteLine($"L4-infonce-bound, optimal critic, d = {Dim}, K + 1 = {batchSize} (log(K+1) = {logB:F4}), {Batches} batches, seed {seed}:");
        output.WriteLine("  true MI | mean I_NCE | SE      | max batch | I_NCE / log(K+1)");
        foreach (var mi in MiLevels)
        {
            var estimates = Estimates(mi, batchSize, seed + (long)(mi * 1000), out var maxAbs);
            var (mean, _, se) = GradientEstimators.Moments(estimates);
            var max = estimates.Max();
            output.WriteLine($"  {mi,7:G4} | {mean,10:F5} | {se,7:F5} | {max,9:F5} | {mean / logB:P2}");

            var roundoff = 4 * U * (maxAbs + logB);
            That(max <= logB + roundoff, () => $"MI {mi}: a batch estimate {Show(max)} exceeds log(K+1) = {Show(logB)}");
            That(mean <= mi + 3 * se, () => $"MI {mi}: mean estimate {Show(mean)} exceeds the true MI by {(mean - mi) / se:F2} standard errors");
            if (mi >= 4 * logB)
                That(mean >= 0.98 * logB, () => $"MI {mi} >= 4 log(K+1): mean estimate {Show(mean)} is not within 2% of log(K+1) = {Show(logB)}");
            That(mean >= previous - 3 * Math.Sqrt(se * se + previousSe * previousSe), () =>
                $"MI {mi}: mean estimate {Show(mean)} fell below the previous level's {Show(previous)}");
            (previous, previousSe) = (mean, se);
        }
    }

    /// <summary>
    /// Anchors a_i, positives p_i (B x d), negatives of anchor i the other positives; cosine scores / tau.
    /// </summary>
    public sealed record InBatchCase(double[][] Anchors, double[][] Positives, double Temperature)
    {
        /// <inheritdoc />
        public override string ToString() => $"InBatchCase(tau = {Show(Temperature)}, anchors = {Show(Anchors)}, positives = {Show(Positives)})";
    }

    private static readonly Gen<InBatchCase> InBatch =
        from b in Gen.Choose(2, 8)
        from d in Gen.Choose(1, 6)
        from anchors in Gen.ArrayOf(ClaimGens.Vector(d), b)
        from positives in Gen.ArrayOf(ClaimGens.Vector(d), b)
        from tau in ClaimGens.Temperature
        select new InBatchCase(anchors, positives, tau);

    /// <summary>
    /// The score-matrix estimator is the library's InfoNCE: with S_ik = cos(a_i, p_k) / tau and anchor i's
    /// negatives the other positives (K = B - 1), log B - mean_i (LSE_k S_ik - S_ii) = log B - mean(Losses.InfoNce).
    /// </summary>
    [Property(Replay = "(1123581321,3455891445)", MaxTest = 300)]
    public Property ScoreMatrixFormEqualsLibraryInfoNce() => Prop.ForAll(InBatch.ToArbitrary(), c =>
    {
        var b = c.Anchors.Length;
        var anchors = Tensor.FromRows(c.Anchors);
        var positives = Tensor.FromRows(c.Positives);
        var negatives = Tensor.FromRows(Enumerable.Range(0, b)
            .SelectMany(i => Enumerable.Range(0, b).Where(k => k != i).Select(k => c.Positives[k])).ToArray());
        var library = Core.InfoNce(anchors, positives, negatives, b - 1, c.Temperature);
        var cosines = Ops.Clamp(Ops.MatMul(Ops.L2NormalizeRows(anchors), Ops.L2NormalizeRows(positives), transposeB: true), -1, 1);
        var scores = Ops.Scale(cosines, 1 / c.Temperature);
        var estimate = InfoNceEstimate(scores);
        var libraryEstimate = Math.Log(b) - Ops.Mean(library)[0, 0];
        var tolerance = 16 * U * (1 / c.Temperature + Math.Log(b));
        Close(estimate, libraryEstimate, tolerance, "score-matrix I_NCE vs log B - mean(Losses.InfoNce)");
    });
}
