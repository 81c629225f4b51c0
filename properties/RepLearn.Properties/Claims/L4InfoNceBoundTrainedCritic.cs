using RepLearn.Claims;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Properties.Claims;

/// <summary>
/// L4-infonce-bound, trained-critic half (Lecture 4; Poole et al. 2019): log(K+1) - L_NCE is a lower bound on I(x; y)
/// for any critic, so a critic trained to minimise InfoNCE climbs towards the true MI but never above it (up to
/// sampling error), and never above log(K+1).
/// Method (statistical, fixed seeds): correlated Gaussians in d = 4 with known MI (<see cref="CorrelatedGaussians"/>);
/// a bilinear critic f(x, y) = x^T W y trained with Adam on batches of K+1 = 64 pairs (in-batch negatives); the
/// estimate log(K+1) - L_NCE averaged over 100 fresh batches must stay below the true MI + 3 standard errors and
/// below log(K+1), and reach at least half the true MI when MI is well below log(K+1).
/// </summary>
public sealed class L4InfoNceBoundTrainedCritic(ITestOutputHelper output)
{
    private const int D = 4;
    private const int Batch = 64;

    /// <summary>InfoNCE with in-batch negatives from a score matrix S_ij = f(x_i, y_j): mean_i LSE_j S_ij - S_ii.</summary>
    private static Tensor Loss(Tensor w, Tensor x, Tensor y)
    {
        var scores = Ops.MatMul(Ops.MatMul(x, w), y, transposeB: true);
        var diagonal = Ops.PickPerRow(scores, [.. Enumerable.Range(0, x.Rows)]);
        return Ops.Mean(Ops.Sub(Ops.LogSumExp(scores, 1), diagonal));
    }

    [Theory]
    [InlineData(0.5, 51L)]
    [InlineData(1.5, 52L)]
    [InlineData(8.0, 53L)]
    public void A_trained_critic_stays_below_the_true_mutual_information(double mi, long seed)
    {
        var rho = CorrelatedGaussians.RhoForMutualInformation(D, mi);
        var key = Key.FromSeed(seed);
        var w = Tensor.Zeros(D, D);
        var adam = Optimizers.Adam<Tensor>(Schedules.CosineDecay(5e-2, 600, 0.05));
        var state = adam.Init(w);
        for (var step = 0; step < 600; step++)
        {
            var (x, y) = CorrelatedGaussians.Generate(key.FoldIn(step), Batch, D, rho);
            var (_, grad) = Grad.ValueAndGrad(p => Loss(p, x, y), w);
            var (updates, next) = adam.Update(grad, state, w);
            (w, state) = (Transforms.ApplyUpdates(w, updates), next);
        }

        var logK1 = Math.Log(Batch);
        var estimates = Enumerable.Range(0, 100).Select(b =>
        {
            var (x, y) = CorrelatedGaussians.Generate(key.FoldIn(10_000 + b), Batch, D, rho);
            return logK1 - Loss(w, x, y).ToScalar();
        }).ToArray();
        var mean = estimates.Average();
        var se = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (estimates.Length - 1) / estimates.Length);
        output.WriteLine($"true MI {mi:F2} nats, log(K+1) {logK1:F3}: trained-critic estimate {mean:F4} (SE {se:F4})");
        Assert.True(mean <= mi + 3 * se, $"estimate {mean} exceeds the true MI {mi} by more than 3 SE ({se})");
        Assert.True(estimates.All(e => e <= logK1 + 1e-12), "a batch estimate exceeded log(K+1)");
        if (mi < logK1 / 2) Assert.True(mean >= mi / 2, $"estimate {mean} is below half the true MI {mi}");
    }
}
