using System.Collections.Immutable;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;
using RepLearn.Functional.Trees;
using Xunit;

namespace RepLearn.Tests.Training;

using DType = RepLearn.Functional.Tensors.DType; // inside the namespace: the facade's RepLearn.DType would win otherwise

// Fit's memory discipline: the Adam chains run in place with the chain's own bits, a step's tensors are released when
// it ends (and say so when read later), and a warm step allocates no tensor memory.
public sealed partial class FitTests
{
    /// <summary>Rows [x (5), y (3)] for a Dense(5 -> 3): 15 weights, so both the vector loop and its tail run, in both dtypes.</summary>
    private static readonly Tensor Wide = Sample.Normal(Key.FromSeed(40), 48, 8);

    private static LossOutput WideMse(Dense p, Tensor batch, Key key)
    {
        var x = Ops.SliceCols(batch, 0, 5);
        var y = Ops.SliceCols(batch, 5, 3);
        return LossOutput.Of(Ops.Mean(Ops.Square(Ops.Sub(Dense.Apply(p, x), y))));
    }

    public static TheoryData<string, DType> AdamChains() => new()
    {
        { "recipe", DType.Float64 }, { "recipe", DType.Float32 },
        { "recipe with clip and decay", DType.Float64 }, { "recipe with clip and decay", DType.Float32 },
        { "Adam", DType.Float64 }, { "AdamW", DType.Float32 }, { "Adam with a schedule", DType.Float64 },
    };

    private static GradientTransformation<Dense> Chain(string name) => name switch
    {
        "recipe" => new OptimizerRecipe(0.05).Build<Dense>(),
        // A clip norm of 0.3 is below the first gradients' norm, so the clip scales them.
        "recipe with clip and decay" => new OptimizerRecipe(0.05, WeightDecay: 0.1, ClipNorm: 0.3).Build<Dense>(),
        "Adam" => Optimizers.Adam<Dense>(0.05),
        "AdamW" => Optimizers.AdamW<Dense>(0.05, weightDecay: 0.2),
        _ => Optimizers.Adam<Dense>(Schedules.CosineDecay(0.05, 20)),
    };

    [Theory]
    [MemberData(nameof(AdamChains))]
    public void AdamChainsRunInPlaceWithTheChainsOwnBits(string chain, DType dtype)
    {
        var fused = Chain(chain);
        // The same chain behind another Update delegate: Fit cannot recognise it and runs the pure functions.
        var pure = fused with { Update = (g, s, p) => fused.Update(g, s, p) };
        var start = Tree.AsType(Dense.Init(Key.FromSeed(5), 5, 3), dtype);
        var data = Wide.AsType(dtype);
        Assert.IsType<FusedAdam<Dense>>(Stepper<Dense>.Start(fused, start, fused.Init(start), new StepArena()));
        Assert.IsType<TreeStepper<Dense>>(Stepper<Dense>.Start(pure, start, pure.Init(start), new StepArena()));

        var options = new FitOptions(Epochs: 3, BatchSize: 10, Key: Key.FromSeed(6));
        var a = Train.Fit(start, fused.Init(start), fused, WideMse, data, options);
        var b = Train.Fit(start, pure.Init(start), pure, WideMse, data, options);
        AssertBitwiseEqual(b.Parameters, a.Parameters);
        AssertBitwiseEqual(b.OptimizerState, a.OptimizerState);
        Assert.Equal(b.History.Select(h => h.TrainLoss), a.History.Select(h => h.TrainLoss));
        Assert.Equal(dtype, a.Parameters.Weight.DType);
    }

    [Fact]
    public void AStateOfAnotherShapeRunsThePureChain()
    {
        var adam = Optimizers.Adam<Dense>(0.05);
        var start = Dense.Init(Key.FromSeed(5), 5, 3);
        var other = adam.Init(Dense.Init(Key.FromSeed(5), 4, 3)); // moments shaped for another model
        Assert.IsType<TreeStepper<Dense>>(Stepper<Dense>.Start(adam, start, other, new StepArena()));
        Assert.IsType<TreeStepper<Dense>>(Stepper<Dense>.Start(Optimizers.Momentum<Dense>(0.05), start, Optimizers.Momentum<Dense>(0.05).Init(start), new StepArena()));
    }

    [Fact]
    public void ATensorKeptFromAStepIsReleasedAndSaysSo()
    {
        Tensor? batchKept = null, lossKept = null, parameterKept = null, evaluationKept = null;
        var result = Fit(new FitOptions(2, 16, Key.FromSeed(1)),
            loss: (p, batch, key) =>
            {
                var output = Mse(p, batch, key);
                (batchKept, lossKept, parameterKept) = (batch, output.Loss, p.Weight);
                return output;
            },
            evaluate: p =>
            {
                evaluationKept = Dense.Apply(p, Tensor.Zeros(1, 2));
                return ImmutableSortedDictionary<string, double>.Empty.Add("zero", evaluationKept.ToScalar());
            });
        Assert.Equal(FitStop.Completed, result.Stop);
        foreach (var kept in new[] { batchKept!, lossKept!, parameterKept!, evaluationKept! })
        {
            var error = Assert.Throws<InvalidOperationException>(() => kept.ToArray());
            Assert.Contains("released when the step ended", error.Message);
            Assert.Throws<InvalidOperationException>(() => kept[0, 0]);
        }
        // What Fit returns is never released, and its shape survives on the released ones.
        Assert.Equal(2, result.Parameters.Weight.ToArray().Length);
        Assert.Equal("1x2", parameterKept!.ShapeString);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AWarmStepAllocatesNoTensorMemory(bool adam)
    {
        // Dense(64 -> 64) on 64-row batches: every activation and cotangent is 64 x 64 doubles (32 KB), and the
        // parameters as much again, so one tensor allocated per step would show.
        var data = Sample.Normal(Key.FromSeed(7), 256, 128);
        var start = Dense.Init(Key.FromSeed(8), 64, 64);
        var optimizer = adam ? Optimizers.Adam<Dense>(1e-3) : Optimizers.Sgd<Dense>(1e-3);
        BatchLoss<Dense> loss = (p, batch, _) =>
            LossOutput.Of(Ops.Mean(Ops.Square(Ops.Sub(Dense.Apply(p, Ops.SliceCols(batch, 0, 64)), Ops.SliceCols(batch, 64, 64)))));
        var allocated = new List<long>();
        var progress = new SyncProgress(r => { if (r.Epoch == 3) allocated.Add(GC.GetAllocatedBytesForCurrentThread()); });
        Train.Fit(start, optimizer.Init(start), optimizer, loss, data, new FitOptions(3, 64, Key.FromSeed(9)), progress: progress);
        var perStep = allocated.Zip(allocated.Skip(1), (a, b) => b - a).SkipLast(1).ToList(); // the last report is the epoch's
        Assert.Equal(3, perStep.Count);
        // In place (Adam) a step makes only tape nodes, closures and lists; the pure SGD chain adds its updates and
        // new parameters (2 x 33 KB), which it keeps.
        var bound = adam ? 16_000 : 16_000 + 2 * 64 * 65 * 8;
        Assert.All(perStep, bytes => Assert.True(bytes < bound, $"a warm step allocated {bytes} bytes (bound {bound})"));
    }
}
