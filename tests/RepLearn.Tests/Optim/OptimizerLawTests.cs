using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;
using Xunit;

namespace RepLearn.Tests.Optim;

using Activation = RepLearn.Functional.Nn.Activation;

/// <summary>Laws every optimizer and transformation keeps, and hand-checked arithmetic for the first steps.</summary>
public sealed partial class OptimizerLawTests
{
    private static readonly Mlp Params = Mlp.Init(Key.FromSeed(7), [3, 5, 2], Activation.Tanh, Activation.Sigmoid);

    /// <summary>A real gradient of the MLP: d/dp mean(Apply(p, x)^2) for a fixed random batch x.</summary>
    private static Mlp RealGradient(Mlp p, long seed = 11)
    {
        var x = Sample.Normal(Key.FromSeed(seed), 4, 3);
        return Grad.Gradient<Mlp>(q => Ops.Mean(Ops.Square(Mlp.Apply(q, x))), p);
    }

    public static TheoryData<string> OptimizerNames =>
        ["sgd", "momentum", "nesterov", "adam", "adamw", "adam+clip", "skip(adam)", "adam+cosine", "adam+warmup"];

    private static GradientTransformation<Mlp> Make(string name) => name switch
    {
        "sgd" => Optimizers.Sgd<Mlp>(0.1),
        "momentum" => Optimizers.Momentum<Mlp>(0.1, 0.9),
        "nesterov" => Optimizers.Momentum<Mlp>(0.1, 0.9, nesterov: true),
        "adam" => Optimizers.Adam<Mlp>(1e-2),
        "adamw" => Optimizers.AdamW<Mlp>(1e-2, weightDecay: 1e-2),
        "adam+clip" => Transforms.Chain(Transforms.ClipByGlobalNorm<Mlp>(0.5), Optimizers.Adam<Mlp>(1e-2)),
        "skip(adam)" => Transforms.SkipIfNotFinite(Optimizers.Adam<Mlp>(1e-2)),
        "adam+cosine" => Optimizers.Adam<Mlp>(Schedules.CosineDecay(1e-2, 100)),
        "adam+warmup" => Optimizers.Adam<Mlp>(Schedules.WarmupCosineDecay(1e-2, 10, 100)),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    private static long[] Bits(Tensor t) => t.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static void AssertBitwiseEqual<T>(T expected, T actual) where T : ITree<T>
    {
        var e = Tree.Leaves(expected).ToList();
        var a = Tree.Leaves(actual).ToList();
        Assert.Equal(e.Select(l => l.Path), a.Select(l => l.Path));
        for (var i = 0; i < e.Count; i++)
        {
            Assert.Equal(e[i].Leaf.ShapeString, a[i].Leaf.ShapeString);
            Assert.Equal(Bits(e[i].Leaf), Bits(a[i].Leaf));
        }
    }

    private static void AssertSameStructure(Mlp expected, Mlp actual)
    {
        Assert.Equal(expected.Activation, actual.Activation);
        Assert.Equal(expected.Output, actual.Output);
        Assert.Equal(
            Tree.Leaves(expected).Select(l => (l.Path, l.Leaf.Rows, l.Leaf.Cols)),
            Tree.Leaves(actual).Select(l => (l.Path, l.Leaf.Rows, l.Leaf.Cols)));
    }

    // ---- shape ------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void UpdateKeepsTheTreesShape(string name)
    {
        var optimizer = Make(name);
        var state = optimizer.Init(Params);
        var p = Params;
        for (var step = 0; step < 3; step++)
        {
            var (updates, next) = optimizer.Update(RealGradient(p, 11 + step), state, p);
            AssertSameStructure(Params, updates);
            Assert.True(Tree.AllFinite(updates));
            p = Transforms.ApplyUpdates(p, updates);
            AssertSameStructure(Params, p);
            state = next;
        }
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias"],
            Tree.Leaves(p).Select(l => l.Path));
    }

    // ---- zero gradient ------------------------------------------------------------------------

    public static TheoryData<string> ZeroGradientNames => ["sgd", "momentum", "nesterov", "adam", "adamw(wd=0)"];

    [Theory]
    [MemberData(nameof(ZeroGradientNames))]
    public void ZeroGradientGivesExactlyZeroUpdates(string name)
    {
        var optimizer = name == "adamw(wd=0)" ? Optimizers.AdamW<Mlp>(1e-2, weightDecay: 0) : Make(name);
        var zeros = Tree.ZerosLike(Params);
        var state = optimizer.Init(Params);
        for (var step = 0; step < 5; step++)
        {
            (var updates, state) = optimizer.Update(zeros, state, Params);
            foreach (var (path, leaf) in Tree.Leaves(updates))
                foreach (var v in leaf.Span)
                {
                    Assert.False(double.IsNaN(v), $"{name}: NaN at {path}, step {step + 1}");
                    Assert.True(v == 0.0, $"{name}: {v} at {path}, step {step + 1}"); // -0.0 == 0.0 (SGD gives -lr * 0)
                }
        }
    }

    [Fact]
    public void ZeroGradientKeepsAdamMomentsZero()
    {
        var adam = Transforms.ScaleByAdam<Tensor>();
        var zero = Tensor.Zeros(1, 3);
        var state = adam.Init(zero);
        for (var i = 0; i < 3; i++) (_, state) = adam.Update(zero, state, zero);
        var s = Assert.IsType<AdamState<Tensor>>(state);
        Assert.Equal(3, s.Steps);
        Assert.All(s.Mu.ToArray().Concat(s.Nu.ToArray()), v => Assert.Equal(0.0, v));
    }
}
