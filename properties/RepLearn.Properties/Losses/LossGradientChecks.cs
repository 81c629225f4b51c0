using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;
using CoreLosses = RepLearn.Functional.Objectives.Losses;

namespace RepLearn.Properties.Losses;

/// <summary>
/// Every loss of the lectures against central finite differences, through every differentiable input
/// (NUMERICS.md, "Gradient checks"). A generated matrix sets the batch shape; the loss's other inputs are
/// drawn from keys fixed by that shape, so each case is reproducible from the printed counterexample.
/// Per-sample losses are probed as <c>Sum(Mul(loss, W))</c> (<see cref="Weights"/>).
/// </summary>
[Properties(Arbitrary = [typeof(Gens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public class LossGradientChecks
{
    /// <summary>A standard-normal companion of x's shape, from a key fixed by the shape and a tag.</summary>
    private static Tensor Companion(Tensor x, int tag, int rowsTimes = 1) =>
        Sample.Normal(Key.FromSeed(1000 * tag + 31 * x.Rows + x.Cols), x.Rows * rowsTimes, x.Cols);

    private static Tensor UnitInterval(Tensor x, int tag) =>
        Sample.Uniform(Key.FromSeed(7000 + 1000 * tag + 31 * x.Rows + x.Cols), x.Rows, x.Cols);

    [Property]
    public void SquaredError(Mat x) =>
        GradCheck.Assert((a, b) => Weights.Probe(CoreLosses.SquaredError(a, b)), x.Value, Companion(x.Value, 1));

    /// <summary>Through the logits, for targets anywhere in [0, 1].</summary>
    [Property]
    public void BernoulliNll(Mat logits)
    {
        var targets = UnitInterval(logits.Value, 1);
        GradCheck.Assert(l => Weights.Probe(CoreLosses.BernoulliNll(l, targets)), logits.Value);
    }

    [Property]
    public void GaussianNll(Mat x) =>
        GradCheck.Assert(l => Weights.Probe(CoreLosses.GaussianNll(l[0], l[1], l[2])),
            LeafList.Of(x.Value, Companion(x.Value, 1), Companion(x.Value, 2)));

    [Property]
    public void GaussianKlToStandardNormal(Mat mu) =>
        GradCheck.Assert((m, lv) => Weights.Probe(CoreLosses.GaussianKl(m, lv)), mu.Value, Companion(mu.Value, 1));

    [Property]
    public void GaussianKlBetweenDiagonalGaussians(Mat mu1) =>
        GradCheck.Assert(l => Weights.Probe(CoreLosses.GaussianKl(l[0], l[1], l[2], l[3])),
            LeafList.Of(mu1.Value, Companion(mu1.Value, 1), Companion(mu1.Value, 2), Companion(mu1.Value, 3)));

    /// <summary>z = mu + e^(logVar/2) eps with eps fixed by the key: the gradient reaches mu and logVar.</summary>
    [Property]
    public void Reparameterize(Mat mu) =>
        GradCheck.Assert((m, lv) => Weights.Probe(CoreLosses.Reparameterize(m, lv, Key.FromSeed(3))), mu.Value, Companion(mu.Value, 1));

    /// <summary>The negative ELBO with a Gaussian decoder z -> N(x; z, 1) and one fixed reparameterised sample.</summary>
    [Property]
    public void NegativeElbo(Mat mu)
    {
        var target = Companion(mu.Value, 2);
        var zeros = Tensor.ZerosLike(mu.Value);
        GradCheck.Assert((m, lv) => Weights.Probe(CoreLosses.NegativeElbo(m, lv, z => CoreLosses.GaussianNll(target, z, zeros), Key.FromSeed(4), beta: 1.5).NegativeElbo),
            mu.Value, Companion(mu.Value, 1));
    }

    /// <summary>||x - g(x~)||^2 with g(t) = t W + b, through W and b, for Gaussian and masking noise.</summary>
    [Property]
    public void DenoisingError(Mat x)
    {
        var d = x.Value.Cols;
        var w = Sample.Normal(Key.FromSeed(11 + d), d, d);
        var b = Sample.Normal(Key.FromSeed(12 + d), 1, d);
        foreach (Func<Tensor, Key, Tensor> corrupt in new Func<Tensor, Key, Tensor>[]
                 { (t, k) => CoreLosses.GaussianCorruption(t, 0.3, k), (t, k) => CoreLosses.MaskingCorruption(t, 0.25, k) })
            GradCheck.Assert((wl, bl) => Weights.Probe(CoreLosses.DenoisingError(x.Value, t => Ops.Add(Ops.MatMul(t, wl), bl), corrupt, Key.FromSeed(5))),
                w, b);
    }

    [Property]
    public void CosineSimilarity(Mat u) =>
        GradCheck.Assert((a, b) => Weights.Probe(CoreLosses.CosineSimilarity(a, b)), u.Value, Companion(u.Value, 1));

    /// <summary>InfoNCE with K = 2 explicit negatives per anchor, through anchors, positives and negatives, at tau = 0.5.</summary>
    [Property]
    public void InfoNce(Mat anchors) =>
        GradCheck.Assert(l => Weights.Probe(CoreLosses.InfoNce(l[0], l[1], l[2], 2, 0.5)),
            LeafList.Of(anchors.Value, Companion(anchors.Value, 1), Companion(anchors.Value, 2, rowsTimes: 2)));

    /// <summary>
    /// Through both views, at tau = 0.5. A one-row batch has no negatives and is refused (naming viewA and its row
    /// count), so for a generated matrix of one row that refusal is what is checked.
    /// </summary>
    [Property]
    public void NtXent(Mat viewA)
    {
        if (viewA.Value.Rows < 2)
        {
            var e = Xunit.Assert.Throws<ArgumentException>(() => CoreLosses.NtXent(viewA.Value, Companion(viewA.Value, 1), 0.5));
            Xunit.Assert.Equal("viewA", e.ParamName);
            Xunit.Assert.Contains("viewA has 1 row(s)", e.Message);
            return;
        }
        GradCheck.Assert((a, b) => Weights.Probe(CoreLosses.NtXent(a, b, 0.5)), viewA.Value, Companion(viewA.Value, 1));
    }
}
