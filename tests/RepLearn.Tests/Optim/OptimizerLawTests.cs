using System.Globalization;
using LanguageExt;
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
public sealed class OptimizerLawTests
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
        var e = T.Leaves(expected).ToList();
        var a = T.Leaves(actual).ToList();
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
            Mlp.Leaves(expected).Select(l => (l.Path, l.Leaf.Rows, l.Leaf.Cols)),
            Mlp.Leaves(actual).Select(l => (l.Path, l.Leaf.Rows, l.Leaf.Cols)));
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
            Mlp.Leaves(p).Select(l => l.Path));
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
            foreach (var (path, leaf) in Mlp.Leaves(updates))
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

    // ---- hand-computed steps -------------------------------------------------------------------

    private static void AssertClose(double expected, double actual, double rtol, string what) =>
        Assert.True(Math.Abs(expected - actual) <= rtol * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void AdamMatchesHandComputedFirstThreeSteps()
    {
        // lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8; m_0 = v_0 = 0.
        // u_t = -lr m_hat / (sqrt(v_hat) + eps), m_hat = m_t / (1 - b1^t), v_hat = v_t / (1 - b2^t).
        //
        // t = 1, g = (1, -2):
        //   m = 0.1 g = (0.1, -0.2); v = 0.001 g^2 = (0.001, 0.004)
        //   m_hat = m / 0.1 = (1, -2); v_hat = v / 0.001 = (1, 4)
        //   u = -0.1 (1 / (1 + 1e-8), -2 / (2 + 1e-8)) = (-0.09999999900000001, 0.0999999995000000025)
        // t = 2, g = (0.5, 4):
        //   m = 0.9 (0.1, -0.2) + 0.1 (0.5, 4) = (0.14, 0.22)
        //   v = 0.999 (0.001, 0.004) + 0.001 (0.25, 16) = (0.001249, 0.019996)
        //   1 - b1^2 = 0.19; 1 - b2^2 = 0.001999
        //   u = -0.1 (0.14 / 0.19) / (sqrt(0.001249 / 0.001999) + 1e-8), ... = (-0.093217962701839582, -0.036610352587829827)
        // t = 3, g = (-3, 0.1):
        //   m = 0.9 (0.14, 0.22) + 0.1 (-3, 0.1) = (-0.174, 0.208)
        //   v = 0.999 (0.001249, 0.019996) + 0.001 (9, 0.01) = (0.010247751, 0.019986004)
        //   1 - b1^3 = 0.271; 1 - b2^3 = 0.002997001
        //   u = -0.1 (-0.174 / 0.271) / (sqrt(0.010247751 / 0.002997001) + 1e-8), ... = (0.034722350508495062, -0.029721758518999078)
        // (values evaluated to 40 digits with mpmath; double arithmetic agrees to a few ulps)
        double[][] g = [[1, -2], [0.5, 4], [-3, 0.1]];
        double[][] expected =
        [
            [-0.09999999900000001, 0.0999999995000000025],
            [-0.093217962701839582, -0.036610352587829827],
            [0.034722350508495062, -0.029721758518999078],
        ];
        double[][] mu = [[0.1, -0.2], [0.14, 0.22], [-0.174, 0.208]];
        double[][] nu = [[0.001, 0.004], [0.001249, 0.019996], [0.010247751, 0.019986004]];

        var adam = Optimizers.Adam<Tensor>(0.1, b1: 0.9, b2: 0.999, eps: 1e-8);
        var p = Tensor.Zeros(1, 2);
        var state = adam.Init(p);
        for (var t = 0; t < 3; t++)
        {
            (var u, state) = adam.Update(Tensor.RowVector(g[t]), state, p);
            for (var i = 0; i < 2; i++) AssertClose(expected[t][i], u.Span[i], 1e-14, $"u[{i}] at t = {t + 1}");
            var links = Assert.IsType<ChainState>(state).Links;
            var adamState = Assert.IsType<AdamState<Tensor>>(links[0]);
            Assert.Equal(t + 1, adamState.Steps);
            Assert.Equal(t + 1, Assert.IsType<CountState>(links[1]).Steps);
            for (var i = 0; i < 2; i++)
            {
                AssertClose(mu[t][i], adamState.Mu.Span[i], 1e-14, $"m[{i}] at t = {t + 1}");
                AssertClose(nu[t][i], adamState.Nu.Span[i], 1e-14, $"v[{i}] at t = {t + 1}");
            }
            p = Transforms.ApplyUpdates(p, u);
        }
        // The parameters are the running sum of the updates.
        AssertClose(-0.09999999900000001 - 0.093217962701839582 + 0.034722350508495062, p.Span[0], 1e-14, "p[0]");
    }

    [Fact]
    public void MomentumAndNesterovMatchHandComputedSteps()
    {
        // trace_t = g_t + 0.9 trace_{t-1}; heavy ball u = -lr trace_t; Nesterov u = -lr (g_t + 0.9 trace_t).
        // g1 = (1, -2), g2 = (0.5, 4), lr = 0.5 (a power of two: the arithmetic below is exact up to 0.9's rounding).
        // trace1 = (1, -2); trace2 = (0.5 + 0.9, 4 - 1.8) = (1.4, 2.2)
        // heavy ball: u1 = (-0.5, 1), u2 = (-0.7, -1.1)
        // Nesterov:   u1 = -0.5 (1 + 0.9, -2 - 1.8) = (-0.95, 1.9); u2 = -0.5 (0.5 + 1.26, 4 + 1.98) = (-0.88, -2.99)
        double[][] g = [[1, -2], [0.5, 4]];
        double[][] heavy = [[-0.5, 1], [-0.7, -1.1]];
        double[][] nesterov = [[-0.95, 1.9], [-0.88, -2.99]];
        foreach (var (opt, expected) in new[]
                 {
                     (Optimizers.Momentum<Tensor>(0.5, 0.9), heavy),
                     (Optimizers.Momentum<Tensor>(0.5, 0.9, nesterov: true), nesterov),
                 })
        {
            var p = Tensor.Zeros(1, 2);
            var state = opt.Init(p);
            for (var t = 0; t < 2; t++)
            {
                (var u, state) = opt.Update(Tensor.RowVector(g[t]), state, p);
                for (var i = 0; i < 2; i++) AssertClose(expected[t][i], u.Span[i], 1e-15, $"u[{i}] at t = {t + 1}");
            }
        }
    }

    [Fact]
    public void SgdIsMinusLearningRateTimesGradientBitForBit()
    {
        var grads = RealGradient(Params);
        var (updates, _) = Optimizers.Sgd<Mlp>(0.1).Update(grads, Optimizers.Sgd<Mlp>(0.1).Init(Params), Params);
        AssertBitwiseEqual(Mlp.Map(grads, t => Tensor.FromSpan(t.Rows, t.Cols, t.ToArray().Select(v => -0.1 * v).ToArray())), updates);
    }

    [Fact]
    public void AdamWIsAdamPlusDecoupledDecay()
    {
        // AdamW: u = -lr (adam(g) + wd p); Adam: u = -lr adam(g). So u_AdamW - u_Adam = -lr wd p.
        const double lr = 1e-2, wd = 0.05;
        var grads = RealGradient(Params);
        var (adam, _) = Optimizers.Adam<Mlp>(lr).Update(grads, Optimizers.Adam<Mlp>(lr).Init(Params), Params);
        var adamW = Optimizers.AdamW<Mlp>(lr, wd);
        var (decayed, _) = adamW.Update(grads, adamW.Init(Params), Params);
        var difference = Tree.Sub(decayed, adam);
        foreach (var ((path, d), (_, w)) in Mlp.Leaves(difference).Zip(Mlp.Leaves(Params)))
            for (var i = 0; i < d.Length; i++)
                Assert.True(Math.Abs(d.Span[i] - (-lr * wd * w.Span[i])) <= 1e-17, $"{path}[{i}]");
    }

    [Fact]
    public void AdamIsTheChainOfScaleByAdamAndScaleByLearningRate()
    {
        var grads = RealGradient(Params);
        var adam = Optimizers.Adam<Mlp>(3e-3);
        var chain = Transforms.Chain(Transforms.ScaleByAdam<Mlp>(), Transforms.ScaleByLearningRate<Mlp>(Schedules.Constant(3e-3)));
        var (a, _) = adam.Update(grads, adam.Init(Params), Params);
        var (b, _) = chain.Update(grads, chain.Init(Params), Params);
        AssertBitwiseEqual(a, b);
    }

    // ---- clipping -----------------------------------------------------------------------------

    [Fact]
    public void ClipByGlobalNormLeavesSmallGradientsUntouched()
    {
        var grads = RealGradient(Params);
        var norm = Tree.GlobalNorm(grads);
        foreach (var maxNorm in new[] { 2 * norm, norm })  // strictly below, and exactly at, the threshold
        {
            var clip = Transforms.ClipByGlobalNorm<Mlp>(maxNorm);
            var (clipped, state) = clip.Update(grads, clip.Init(Params), Params);
            AssertBitwiseEqual(grads, clipped);
            Assert.Same(EmptyState.Instance, state);
        }
    }

    [Fact]
    public void ClipByGlobalNormScalesLargeGradientsToExactlyMaxNorm()
    {
        // (3, 4) has norm 5; with maxNorm 2.5 the scale is 0.5, exact in binary: (1.5, 2), norm exactly 2.5.
        var clip = Transforms.ClipByGlobalNorm<Tensor>(2.5);
        var (clipped, _) = clip.Update(Tensor.RowVector([3.0, 4.0]), clip.Init(Tensor.Zeros(1, 2)), Tensor.Zeros(1, 2));
        Assert.Equal([1.5, 2.0], clipped.ToArray());
        Assert.Equal(2.5, Tree.GlobalNorm(clipped));
    }

    [Fact]
    public void ClipByGlobalNormUsesOneScaleAcrossAllLeaves()
    {
        var grads = Tree.Scale(RealGradient(Params), 1000);
        var norm = Tree.GlobalNorm(grads);
        const double maxNorm = 0.75;
        Assert.True(norm > maxNorm);
        var clip = Transforms.ClipByGlobalNorm<Mlp>(maxNorm);
        var (clipped, _) = clip.Update(grads, clip.Init(Params), Params);
        // The global norm is maxNorm up to rounding (a few ulps of 0.75).
        var ulp = Math.BitIncrement(maxNorm) - maxNorm;
        Assert.True(Math.Abs(Tree.GlobalNorm(clipped) - maxNorm) <= 4 * ulp,
            $"norm after clipping {Tree.GlobalNorm(clipped):R}");
        // Every element is the original times the same factor maxNorm / norm (direction kept).
        var scale = maxNorm / norm;
        foreach (var ((path, c), (_, g)) in Mlp.Leaves(clipped).Zip(Mlp.Leaves(grads)))
            for (var i = 0; i < c.Length; i++)
                Assert.True(c.Span[i] == g.Span[i] * scale, $"{path}[{i}]");
    }

    // ---- skipping non-finite steps ------------------------------------------------------------

    [Fact]
    public void SkipIfNotFiniteSkipsNaNAndInfinityAndCountsThem()
    {
        var inner = Optimizers.Adam<Mlp>(1e-2);
        var skip = Transforms.SkipIfNotFinite(inner);
        var g1 = RealGradient(Params, 1);
        var g2 = RealGradient(Params, 2);

        var (_, s1) = skip.Update(g1, skip.Init(Params), Params);
        var afterFirst = Assert.IsType<SkipState>(s1);
        Assert.Equal(0, afterFirst.Skipped);

        var state = s1;
        var skipped = 0;
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            // One bad element in one leaf poisons the whole step.
            var layers = g1.Layers.ToArray();
            layers[1] = layers[1] with { Bias = Tensor.RowVector([0.1, bad]) };
            var poisoned = g1 with { Layers = layers.ToSeq().Strict() };
            (var updates, state) = skip.Update(poisoned, state, Params);
            skipped++;
            AssertSameStructure(Params, updates);
            Assert.All(Mlp.Leaves(updates).SelectMany(l => l.Leaf.ToArray()), v => Assert.Equal(0.0, v));
            var s = Assert.IsType<SkipState>(state);
            Assert.Equal(skipped, s.Skipped);
            Assert.Same(afterFirst.Inner, s.Inner); // the inner state is the very same object: unchanged
        }

        // A finite step after the skips continues as if the bad steps had never come.
        var (u, final) = skip.Update(g2, state, Params);
        var (_, direct1) = inner.Update(g1, inner.Init(Params), Params);
        var (expected, directState) = inner.Update(g2, direct1, Params);
        AssertBitwiseEqual(expected, u);
        Assert.Equal(3, Assert.IsType<SkipState>(final).Skipped);
        Assert.Equal(
            directState.Leaves().Select(l => (l.Path, Bits(l.Leaf))).ToList(),
            Assert.IsType<SkipState>(final).Inner.Leaves().Select(l => (l.Path, Bits(l.Leaf))).ToList(),
            new PathBitsComparer());
    }

    private sealed class PathBitsComparer : IEqualityComparer<(string, long[])>
    {
        public bool Equals((string, long[]) x, (string, long[]) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);
        public int GetHashCode((string, long[]) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }

    // ---- schedules ----------------------------------------------------------------------------

    [Fact]
    public void CosineDecayValuesAtChosenSteps()
    {
        // lr(t) = init ((1 - alpha) (1 + cos(pi min(t, T) / T)) / 2 + alpha), init = 0.1, T = 100.
        var cosine = Schedules.CosineDecay(0.1, 100);
        Assert.Equal(0.1, cosine(0));                                         // cos 0 = 1: exactly init
        Assert.Equal(0.1 * 0.5 * (1 + Math.Cos(Math.PI / 4)), cosine(25), 15); // 0.085355339...
        Assert.Equal(0.05, cosine(50), 15);                                   // cos(pi / 2) = 6e-17: init / 2
        Assert.Equal(0.0, cosine(100));                                       // cos pi = -1 exactly: 0
        Assert.Equal(0.0, cosine(101));                                       // held at the floor beyond T
        Assert.Equal(0.0, cosine(1_000_000));

        var floored = Schedules.CosineDecay(0.1, 100, alpha: 0.1);
        Assert.Equal(0.1, floored(0), 15);
        Assert.Equal(0.1 * (0.9 * 0.5 + 0.1), floored(50), 15);              // 0.055
        Assert.Equal(0.01, floored(100), 15);                                 // alpha init
        Assert.Equal(0.01, floored(5000), 15);

        // Monotone non-increasing over [0, T].
        for (var t = 1; t <= 100; t++) Assert.True(cosine(t) <= cosine(t - 1), $"t = {t}");
    }

    [Fact]
    public void LinearWarmupIsLinearThenConstant()
    {
        // lr(t) = start + (peak - start) t / W for t < W, then peak. start = 0.01, peak = 0.1, W = 10.
        var warmup = Schedules.LinearWarmup(0.01, 0.1, 10);
        Assert.Equal(0.01, warmup(0));
        Assert.Equal(0.055, warmup(5), 15);
        for (var t = 0; t <= 10; t++) Assert.Equal(0.01 + 0.009 * t, warmup(t), 15);
        Assert.Equal(0.1, warmup(10));
        Assert.Equal(0.1, warmup(11));
        Assert.Equal(0.1, warmup(1_000_000));
    }

    [Fact]
    public void WarmupCosineDecayJoinsTheTwoPieces()
    {
        // Warm-up from 0 to 1 over 10 steps, then cosine from 1 to 0 over the remaining 100.
        var schedule = Schedules.WarmupCosineDecay(1.0, 10, 110);
        Assert.Equal(0.0, schedule(0));
        Assert.Equal(0.5, schedule(5), 15);
        Assert.Equal(1.0, schedule(10));            // the peak, where both pieces meet
        Assert.Equal(0.5, schedule(60), 15);        // half-way through the decay
        Assert.Equal(0.0, schedule(110));
        Assert.Equal(0.0, schedule(10_000));
    }

    [Fact]
    public void ScaleByLearningRateReadsTheScheduleAtTheStepCountFromZero()
    {
        var seen = new List<long>();
        var sgd = Optimizers.Sgd<Tensor>(t => { seen.Add(t); return 0.5 + t; });
        var one = Tensor.RowVector([1.0]);
        var state = sgd.Init(one);
        var updates = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            (var u, state) = sgd.Update(one, state, one);
            updates.Add(u.ToScalar());
        }
        Assert.Equal([0L, 1, 2, 3], seen);
        Assert.Equal([-0.5, -1.5, -2.5, -3.5], updates);
        Assert.Equal(4, Assert.IsType<CountState>(state).Steps);
    }

    [Fact]
    public void ANonFiniteScheduledLearningRateIsAnErrorNamingTheStep()
    {
        var sgd = Optimizers.Sgd<Tensor>(t => t < 2 ? 0.1 : double.NaN);
        var one = Tensor.RowVector([1.0]);
        var state = sgd.Init(one);
        (_, state) = sgd.Update(one, state, one);
        (_, state) = sgd.Update(one, state, one);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.Update(one, state, one));
        Assert.Equal("learningRate", ex.ParamName);
        Assert.Contains("step 2", ex.Message, StringComparison.Ordinal);
    }

    // ---- bad hyperparameters ------------------------------------------------------------------

    public static TheoryData<string> BadHyperparameters =>
    [
        "sgd lr 0", "sgd lr -0.5", "sgd lr NaN", "momentum lr 0", "adam lr NaN", "adam lr Infinity", "adamw lr -1",
        "adam b1 1", "adam b1 -0.1", "adam b2 -0.1", "adam b2 1", "adam eps 0", "adam eps -1E-08", "adam eps NaN",
        "adamw weightDecay -0.0001", "adamw weightDecay NaN", "clip maxNorm 0", "clip maxNorm -1", "clip maxNorm NaN",
        "momentum momentum 1", "momentum momentum -0.5", "trace decay 1",
        "cosine init 0", "cosine decaySteps 0", "cosine alpha 1.5", "warmup start -1", "warmup peak 0", "warmup warmupSteps 0",
        "warmupcosine peak NaN", "warmupcosine warmupSteps 0",
    ];

    [Theory]
    [MemberData(nameof(BadHyperparameters))]
    public void BadHyperparametersThrowNamingTheParameterAndValue(string @case)
    {
        var parts = @case.Split(' ');
        var (what, parameter, valueText) = (parts[0], parts[1], parts[2]);
        var value = double.Parse(valueText, CultureInfo.InvariantCulture);
        Action make = (what, parameter) switch
        {
            ("sgd", "lr") => () => Optimizers.Sgd<Tensor>(value),
            ("momentum", "lr") => () => Optimizers.Momentum<Tensor>(value),
            ("adam", "lr") => () => Optimizers.Adam<Tensor>(value),
            ("adamw", "lr") => () => Optimizers.AdamW<Tensor>(value),
            ("adam", "b1") => () => Optimizers.Adam<Tensor>(1e-3, b1: value),
            ("adam", "b2") => () => Optimizers.Adam<Tensor>(1e-3, b2: value),
            ("adam", "eps") => () => Optimizers.Adam<Tensor>(1e-3, eps: value),
            ("adamw", "weightDecay") => () => Optimizers.AdamW<Tensor>(1e-3, weightDecay: value),
            ("clip", "maxNorm") => () => Transforms.ClipByGlobalNorm<Tensor>(value),
            ("momentum", "momentum") => () => Optimizers.Momentum<Tensor>(0.1, momentum: value),
            ("trace", "decay") => () => Transforms.Trace<Tensor>(value),
            ("cosine", "init") => () => Schedules.CosineDecay(value, 100),
            ("cosine", "decaySteps") => () => Schedules.CosineDecay(0.1, (long)value),
            ("cosine", "alpha") => () => Schedules.CosineDecay(0.1, 100, value),
            ("warmup", "start") => () => Schedules.LinearWarmup(value, 0.1, 10),
            ("warmup", "peak") => () => Schedules.LinearWarmup(0, value, 10),
            ("warmup", "warmupSteps") => () => Schedules.LinearWarmup(0, 0.1, (long)value),
            ("warmupcosine", "peak") => () => Schedules.WarmupCosineDecay(value, 10, 100),
            ("warmupcosine", "warmupSteps") => () => Schedules.WarmupCosineDecay(0.1, (long)value, 100),
            _ => throw new ArgumentException(@case, nameof(@case)),
        };
        var expectedName = parameter == "lr" ? "learningRate" : parameter;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(make);
        Assert.Equal(expectedName, ex.ParamName);
        // The message's own text (before .NET appends "Actual value was ...") carries the name and the value.
        var ownText = ex.Message.Split(" (Parameter")[0];
        Assert.Contains(expectedName, ownText, StringComparison.Ordinal);
        Assert.Contains(valueText, ownText, StringComparison.Ordinal);
        Assert.Equal(valueText, Convert.ToString(ex.ActualValue, CultureInfo.InvariantCulture));
    }

    // ---- state serialisation -----------------------------------------------------------------

    public static TheoryData<string> SerialisableNames => ["adam", "momentum", "nesterov", "adamw", "sgd", "adam+clip", "skip(adam)"];

    /// <summary>The state's leaves copied into fresh buffers, as a checkpoint reader would produce them.</summary>
    private static List<Tensor> CopyLeaves(OptState state) =>
        state.Leaves().Select(l => Tensor.FromSpan(l.Leaf.Rows, l.Leaf.Cols, l.Leaf.ToArray())).ToList();

    [Theory]
    [MemberData(nameof(SerialisableNames))]
    public void StateLeavesWithLeavesRoundTripsBitForBit(string name)
    {
        var optimizer = Make(name);
        var p = Params;
        var state = optimizer.Init(p);
        for (var step = 0; step < 3; step++)
        {
            (var u, state) = optimizer.Update(RealGradient(p, 20 + step), state, p);
            p = Transforms.ApplyUpdates(p, u);
        }

        var leaves = state.Leaves().ToList();
        Assert.Equal(leaves.Count, leaves.Select(l => l.Path).Distinct().Count()); // paths are unique keys
        var restored = optimizer.Init(Params).WithLeaves(CopyLeaves(state).GetEnumerator());
        var back = restored.Leaves().ToList();
        Assert.Equal(leaves.Select(l => l.Path), back.Select(l => l.Path));
        for (var i = 0; i < leaves.Count; i++)
        {
            Assert.Equal(leaves[i].Leaf.ShapeString, back[i].Leaf.ShapeString);
            Assert.Equal(Bits(leaves[i].Leaf), Bits(back[i].Leaf));
        }

        // The restored state continues exactly as the original.
        var g = RealGradient(p, 99);
        var (fromOriginal, _) = optimizer.Update(g, state, p);
        var (fromRestored, _) = optimizer.Update(g, restored, p);
        AssertBitwiseEqual(fromOriginal, fromRestored);
    }

    [Fact]
    public void AdamChainStateHasDocumentedPaths()
    {
        var adam = Optimizers.Adam<Mlp>(1e-3);
        Assert.Equal(
            [
                "0.count",
                "0.mu.0.weight", "0.mu.0.bias", "0.mu.1.weight", "0.mu.1.bias",
                "0.nu.0.weight", "0.nu.0.bias", "0.nu.1.weight", "0.nu.1.bias",
                "1.count",
            ],
            adam.Init(Params).Leaves().Select(l => l.Path));
        var momentum = Optimizers.Momentum<Mlp>(1e-3);
        Assert.Equal(["0.trace.0.weight", "0.trace.0.bias", "0.trace.1.weight", "0.trace.1.bias", "1.count"],
            momentum.Init(Params).Leaves().Select(l => l.Path));
    }

    [Fact]
    public void WithLeavesRejectsMalformedInput()
    {
        var adam = Optimizers.Adam<Mlp>(1e-3);
        var template = adam.Init(Params);
        var good = CopyLeaves(template);

        // Too few tensors.
        Assert.Throws<InvalidDataException>(() => template.WithLeaves(good.Take(good.Count - 1).GetEnumerator()));
        // A moment tensor of the wrong shape.
        var wrongShape = good.ToList();
        wrongShape[1] = Tensor.Zeros(1, 1);
        Assert.Throws<InvalidDataException>(() => template.WithLeaves(wrongShape.GetEnumerator()));
        // A step count that is not a whole number, or negative.
        foreach (var badCount in new[] { 1.5, -1.0, double.NaN })
        {
            var badCounts = good.ToList();
            badCounts[0] = Tensor.Scalar(badCount);
            Assert.Throws<InvalidDataException>(() => template.WithLeaves(badCounts.GetEnumerator()));
        }
    }
}
