using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Objectives;
using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>Custom contrastive views: a user augmentation, and explicit positive pairs.</summary>
public sealed class ContrastiveViewTests
{
    [Fact]
    public void Identity_views_give_the_loss_the_lecture_predicts()
    {
        // With x' = x the two projections coincide: s_i,pos = 1, and each other sample appears twice among the 2N - 2
        // negatives, so l_i = -1/tau + log(e^(1/tau) + 2 sum_{j != i} e^(s_ij / tau)) = log(1 + 2 sum_{j != i} e^((s_ij - 1) / tau)).
        var config = new ContrastiveConfig(6, [5], 4, 3, Temperature: 0.5);
        var p = Contrastive.Init(Key.FromSeed(1), config);
        var x = Sample.Normal(Key.FromSeed(2), 10, 6);
        var loss = Contrastive.Loss(config, ContrastiveViews.PerRow((row, _) => row))(p, x, Key.FromSeed(3)).Loss.ToScalar();
        var z = Ops.L2NormalizeRows(Contrastive.Project(p, x));
        var expected = Enumerable.Range(0, 10).Average(i => Math.Log(1 + 2 * Enumerable.Range(0, 10).Where(j => j != i)
            .Sum(j => Math.Exp((Enumerable.Range(0, 3).Sum(c => z[i, c] * z[j, c]) - 1) / 0.5))));
        Assert.Equal(expected, loss, 1e-10);
    }

    [Fact]
    public void A_user_augmentation_is_called_per_row_with_reproducible_seeds_and_used_for_both_views()
    {
        var seeds = new List<long>();
        ContrastiveEncoder Make() => new(Width, representationDim: Latent, projectionDim: 4, hiddenDims: [Hidden], temperature: 0.5, seed: 7)
        {
            ViewAugmentation = (row, seed) => { lock (seeds) seeds.Add(seed); return [.. row.Select((v, j) => v + 0.01 * ((seed >> (j % 60)) & 1))]; },
        };
        var a = Make();
        a.Fit(Train, Options(1));
        Assert.Equal(2 * Train.Length, seeds.Count);
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        var b = Make();
        b.Fit(Train, Options(1));
        Assert.Equal(Outputs(a), Outputs(b));
        var builtIn = Create("contrastive");
        builtIn.Fit(Train, Options(1));
        Assert.NotEqual(Outputs(builtIn), Outputs(a));
    }

    [Fact]
    public void Explicit_pairs_train()
    {
        // Positive pairs: each image and the same image shifted one pixel right (a view the encoder must learn to match).
        double[][] shifted = [.. Train.Select(r => Enumerable.Range(0, Width).Select(i => i % 28 == 0 ? 0.0 : r[i - 1]).ToArray())];
        var enc = new ContrastiveEncoder(Width, representationDim: Latent, projectionDim: 4, hiddenDims: [Hidden], temperature: 0.5, seed: 7,
            projectionHiddenDim: Latent);
        var report = enc.FitPairs(Train, shifted, Options(6));
        Assert.True(report.Completed);
        Assert.True(report.Epochs[^1].TrainLoss < 0.8 * report.Epochs[0].TrainLoss,
            $"NT-Xent on the pairs went from {report.Epochs[0].TrainLoss} to {report.Epochs[^1].TrainLoss}");
        Assert.Equal(6, enc.EpochsCompleted);
        Assert.Throws<ArgumentException>(() => enc.FitPairs(Train, shifted[..10], Options(1)));
    }
}
