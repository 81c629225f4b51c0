using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using RepLearn.Functional.Trees;
using Xunit;

namespace RepLearn.Tests.Float32;

// The core's DType (the facade's RepLearn.DType, in an enclosing namespace, would win over a using outside it).
using DType = RepLearn.Functional.Tensors.DType;
using Vae = RepLearn.Functional.Models.Vae;

/// <summary>
/// Training in float32 end to end through the core: a VAE on a small generated data set learns, keeps float32 parameters
/// and Adam state, gives the same bits on every run, and ends near the float64 run from the same initial draw.
/// </summary>
public sealed class Float32TrainingTests
{
    private static readonly VaeConfig Config = new(InputDim: 12, LatentDim: 2, HiddenDims: [16]);

    /// <summary>256 rows in [0, 1] with two latent factors: pixel j = sigmoid(6 (a cos(j) + b sin(j))), a, b ~ N(0, 1), mostly near 0 or 1.</summary>
    private static Tensor Data(DType dtype)
    {
        var factors = Sample.Normal(Key.FromSeed(11), 256, 2);
        return Tensor.Create(256, Config.InputDim, (r, j) =>
            1 / (1 + Math.Exp(-6 * (factors[r, 0] * Math.Cos(j) + factors[r, 1] * Math.Sin(j))))).AsType(dtype);
    }

    private static FitResult<VaeParams> Fit(DType dtype, int epochs = 8)
    {
        var parameters = Tree.AsType(Vae.Init(Key.FromSeed(3), Config), dtype);
        var optimizer = Optimizers.Adam<VaeParams>(1e-2);
        return Train.Fit(parameters, optimizer.Init(parameters), optimizer, Vae.Loss(Config), Data(dtype), new FitOptions(epochs, 32, Key.FromSeed(5)));
    }

    [Fact]
    public void A_float32_vae_learns_and_stays_float32()
    {
        var result = Fit(DType.Float32);
        Assert.Equal(FitStop.Completed, result.Stop);
        var losses = result.History.Select(m => m.TrainLoss).ToList();
        Assert.True(losses[^1] < losses[0] - 0.5, $"train loss per epoch: {string.Join(", ", losses)}");
        Assert.All(Tree.Leaves(result.Parameters), l => Assert.Equal(DType.Float32, l.Leaf.DType));
        Assert.All(Tree.Leaves(result.OptimizerState), l => Assert.Equal(DType.Float32, l.Leaf.DType));
    }

    [Fact]
    public void Float32_training_is_bit_reproducible()
    {
        var (a, b) = (Fit(DType.Float32, 3), Fit(DType.Float32, 3));
        Assert.Equal(a.History.Select(m => m.TrainLoss), b.History.Select(m => m.TrainLoss));
        foreach (var (x, y) in Tree.Leaves(a.Parameters).Zip(Tree.Leaves(b.Parameters)))
            Assert.Equal(x.Leaf.SpanF32.ToArray(), y.Leaf.SpanF32.ToArray());
    }

    [Fact]
    public void Float32_training_ends_near_float64_from_the_same_draw()
    {
        // Same initial values (float32 is the float64 draw rounded), same batches and noise; rounding differences
        // grow through training, so only the loss is compared: within 2% after 8 epochs.
        var (single, wide) = (Fit(DType.Float32).History[^1].TrainLoss, Fit(DType.Float64).History[^1].TrainLoss);
        Assert.True(Math.Abs(single - wide) <= 0.02 * Math.Abs(wide), $"float32 {single}, float64 {wide}");
    }
}
