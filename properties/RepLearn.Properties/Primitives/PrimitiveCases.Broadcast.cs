using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Primitives;

/// <summary>
/// Add, Sub, Mul, Div and RowDot with both operands differentiated: same shape, and each
/// broadcasting form (1 x c row, r x 1 column, 1 x 1 scalar) on either side, plus row with column.
/// Denominators are drawn from [0.5, 3].
/// </summary>
public abstract partial class PrimitiveCases
{
    [Property] public void Add(BroadcastOperands o) => Binary(Ops.Add, o.Full, o.PosFull);
    [Property] public void AddRowVector(BroadcastOperands o) => Binary(Ops.Add, o.Full, o.Row);
    [Property] public void AddRowVectorLeft(BroadcastOperands o) => Binary(Ops.Add, o.Row, o.Full);
    [Property] public void AddColumn(BroadcastOperands o) => Binary(Ops.Add, o.Full, o.Col);
    [Property] public void AddColumnLeft(BroadcastOperands o) => Binary(Ops.Add, o.Col, o.Full);
    [Property] public void AddScalarTensor(BroadcastOperands o) => Binary(Ops.Add, o.Full, o.One);
    [Property] public void AddScalarTensorLeft(BroadcastOperands o) => Binary(Ops.Add, o.One, o.Full);
    [Property] public void AddRowAndColumn(BroadcastOperands o) => Binary(Ops.Add, o.Row, o.Col);

    [Property] public void Sub(BroadcastOperands o) => Binary(Ops.Sub, o.Full, o.PosFull);
    [Property] public void SubRowVector(BroadcastOperands o) => Binary(Ops.Sub, o.Full, o.Row);
    [Property] public void SubRowVectorLeft(BroadcastOperands o) => Binary(Ops.Sub, o.Row, o.Full);
    [Property] public void SubColumn(BroadcastOperands o) => Binary(Ops.Sub, o.Full, o.Col);
    [Property] public void SubColumnLeft(BroadcastOperands o) => Binary(Ops.Sub, o.Col, o.Full);
    [Property] public void SubScalarTensor(BroadcastOperands o) => Binary(Ops.Sub, o.Full, o.One);
    [Property] public void SubScalarTensorLeft(BroadcastOperands o) => Binary(Ops.Sub, o.One, o.Full);
    [Property] public void SubRowAndColumn(BroadcastOperands o) => Binary(Ops.Sub, o.Col, o.Row);

    [Property] public void Mul(BroadcastOperands o) => Binary(Ops.Mul, o.Full, o.PosFull);
    [Property] public void MulRowVector(BroadcastOperands o) => Binary(Ops.Mul, o.Full, o.Row);
    [Property] public void MulRowVectorLeft(BroadcastOperands o) => Binary(Ops.Mul, o.Row, o.Full);
    [Property] public void MulColumn(BroadcastOperands o) => Binary(Ops.Mul, o.Full, o.Col);
    [Property] public void MulColumnLeft(BroadcastOperands o) => Binary(Ops.Mul, o.Col, o.Full);
    [Property] public void MulScalarTensor(BroadcastOperands o) => Binary(Ops.Mul, o.Full, o.One);
    [Property] public void MulScalarTensorLeft(BroadcastOperands o) => Binary(Ops.Mul, o.One, o.Full);
    [Property] public void MulRowAndColumn(BroadcastOperands o) => Binary(Ops.Mul, o.Row, o.Col);

    [Property] public void Div(BroadcastOperands o) => Binary(Ops.Div, o.Full, o.PosFull);
    [Property] public void DivRowVector(BroadcastOperands o) => Binary(Ops.Div, o.Full, o.PosRow);
    [Property] public void DivRowVectorLeft(BroadcastOperands o) => Binary(Ops.Div, o.Row, o.PosFull);
    [Property] public void DivColumn(BroadcastOperands o) => Binary(Ops.Div, o.Full, o.PosCol);
    [Property] public void DivColumnLeft(BroadcastOperands o) => Binary(Ops.Div, o.Col, o.PosFull);
    [Property] public void DivScalarTensor(BroadcastOperands o) => Binary(Ops.Div, o.Full, o.PosOne);
    [Property] public void DivScalarTensorLeft(BroadcastOperands o) => Binary(Ops.Div, o.One, o.PosFull);
    [Property] public void DivRowAndColumn(BroadcastOperands o) => Binary(Ops.Div, o.Col, o.PosRow);

    [Property] public void RowDot(BroadcastOperands o) => Binary(Ops.RowDot, o.Full, o.PosFull);
    [Property] public void RowDotRowVector(BroadcastOperands o) => Binary(Ops.RowDot, o.Full, o.Row);

    /// <summary>Both operands the same leaf: Mul(x, x) must give 2x ct, Div(x, x) zero.</summary>
    [Property] public void MulSelf(BroadcastOperands o) => Unary(t => Ops.Mul(t, t), o.Full);
    [Property] public void DivSelf(BroadcastOperands o) => Unary(t => Ops.Div(t, t), o.PosFull);
}
