using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Primitives;

/// <summary>
/// Shift invariance of log-sum-exp (NUMERICS.md): logsumexp(x + c) = logsumexp(x) + c, per slice,
/// for shifts up to 300 (where a naive exp would already lose the smaller terms) and for 1e3 to 1e5
/// (where it would overflow). Tolerance: a few ulps of the larger of |c| and |logsumexp|.
/// </summary>
[Properties(Arbitrary = [typeof(Gens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public class LogSumExpLaws
{
    /// <summary>Eight units of round-off (2^-53 each), relative to the slice's scale.</summary>
    private const double Ulps = 8 * 1.1102230246251565e-16;

    private static void AssertShifted(Tensor lse, Tensor shift, Tensor shiftedLse)
    {
        Assert.Equal(lse.ShapeString, shiftedLse.ShapeString);
        for (var i = 0; i < lse.Length; i++)
        {
            var expected = lse.Span[i] + shift.Span[i];
            var scale = Math.Max(1.0, Math.Max(Math.Abs(shift.Span[i]), Math.Abs(lse.Span[i])));
            Assert.True(Math.Abs(shiftedLse.Span[i] - expected) <= Ulps * scale,
                $"slice {i}: logsumexp(x + c) = {shiftedLse.Span[i]:R}, logsumexp(x) + c = {expected:R}");
        }
    }

    /// <summary>Per-row shifts c_r (an r x 1 column scaled to [-300, 300]) along axis 1.</summary>
    [Property]
    public void ShiftInvarianceAlongRows(BroadcastOperands o)
    {
        var c = Ops.Scale(o.Col, 100);
        AssertShifted(Ops.LogSumExp(o.Full, 1), c, Ops.LogSumExp(Ops.Add(o.Full, c), 1));
    }

    /// <summary>Per-column shifts c_j (a 1 x c row scaled to [-300, 300]) along axis 0.</summary>
    [Property]
    public void ShiftInvarianceAlongColumns(BroadcastOperands o)
    {
        var c = Ops.Scale(o.Row, 100);
        AssertShifted(Ops.LogSumExp(o.Full, 0), c, Ops.LogSumExp(Ops.Add(o.Full, c), 0));
    }

    /// <summary>The same shift for every row, where exp(x + c) itself would overflow.</summary>
    [Property]
    public void ShiftInvarianceBeyondOverflow(Mat x, bool negative)
    {
        foreach (var magnitude in new[] { 1e3, 1e4, 1e5 })
        {
            var s = negative ? -magnitude : magnitude;
            var c = Tensor.Filled(x.Value.Rows, 1, s);
            AssertShifted(Ops.LogSumExp(x.Value, 1), c, Ops.LogSumExp(Ops.AddScalar(x.Value, s), 1));
        }
    }

    /// <summary>The gradient (softmax) is shift invariant too, and sums to 1 per row.</summary>
    [Property]
    public void SoftmaxGradientIsShiftInvariant(BroadcastOperands o)
    {
        var c = Ops.Scale(o.Col, 100);
        var g = Grad.Gradient(t => Ops.Sum(Ops.LogSumExp(t, 1)), o.Full);
        var gShifted = Grad.Gradient(t => Ops.Sum(Ops.LogSumExp(Ops.Add(t, c), 1)), o.Full);
        for (var r = 0; r < g.Rows; r++)
        {
            var rowSum = 0.0;
            for (var j = 0; j < g.Cols; j++)
            {
                rowSum += g[r, j];
                Assert.True(Math.Abs(g[r, j] - gShifted[r, j]) <= 1e-12, $"[{r},{j}]: {g[r, j]:R} vs {gShifted[r, j]:R}");
            }
            Assert.True(Math.Abs(rowSum - 1) <= 1e-14, $"row {r} softmax sums to {rowSum:R}");
        }
    }
}
