using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Primitives;

/// <summary>Sum, Mean, LogSumExp, BroadcastTo and L2NormalizeRows.</summary>
public abstract partial class PrimitiveCases
{
    [Property] public void SumAll(Mat x) => Unary(Ops.Sum, x.Value);
    [Property] public void SumAxis0(Mat x) => Unary(t => Ops.Sum(t, 0), x.Value);
    [Property] public void SumAxis1(Mat x) => Unary(t => Ops.Sum(t, 1), x.Value);
    [Property] public void MeanAll(Mat x) => Unary(Ops.Mean, x.Value);
    [Property] public void MeanAxis0(Mat x) => Unary(t => Ops.Mean(t, 0), x.Value);
    [Property] public void MeanAxis1(Mat x) => Unary(t => Ops.Mean(t, 1), x.Value);
    [Property] public void LogSumExpAxis0(Mat x) => Unary(t => Ops.LogSumExp(t, 0), x.Value);
    [Property] public void LogSumExpAxis1(Mat x) => Unary(t => Ops.LogSumExp(t, 1), x.Value);

    [Property] public void BroadcastRowVector(BroadcastOperands o) => Unary(t => Ops.BroadcastTo(t, o.Full.Rows, o.Full.Cols), o.Row);
    [Property] public void BroadcastColumn(BroadcastOperands o) => Unary(t => Ops.BroadcastTo(t, o.Full.Rows, o.Full.Cols), o.Col);
    [Property] public void BroadcastScalar(BroadcastOperands o) => Unary(t => Ops.BroadcastTo(t, o.Full.Rows, o.Full.Cols), o.One);

    /// <summary>
    /// Rows of [0.5, 3] values have norm at least 0.5, far from eps; a random sign per element
    /// (fixed by the weights) keeps every direction in play.
    /// </summary>
    [Property]
    public void L2NormalizeRows(PosMat x)
    {
        var signs = Weights.For(x.Value.Rows, x.Value.Cols, salt: 7);
        var signed = Functional.Tensors.Tensor.Create(x.Value.Rows, x.Value.Cols, (r, c) => signs[r, c] < 0 ? -x.Value[r, c] : x.Value[r, c]);
        Unary(t => Ops.L2NormalizeRows(t), signed);
    }
}
