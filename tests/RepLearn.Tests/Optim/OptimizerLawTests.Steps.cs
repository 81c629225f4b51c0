using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;
using Xunit;

namespace RepLearn.Tests.Optim;

/// <summary>Hand-computed first steps of Adam, momentum, Nesterov and SGD, and the identities that tie the optimizers together.</summary>
public sealed partial class OptimizerLawTests
{
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
        AssertBitwiseEqual(Tree.Map(grads, t => Tensor.FromSpan(t.Rows, t.Cols, t.ToArray().Select(v => -0.1 * v).ToArray())), updates);
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
        foreach (var ((path, d), (_, w)) in Tree.Leaves(difference).Zip(Tree.Leaves(Params)))
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
}
