using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Primitives;

// The core's DType (the facade's RepLearn.DType, in an enclosing namespace, would win over a using outside it).
using DType = RepLearn.Functional.Tensors.DType;

/// <summary>
/// Every primitive in float32: its value and pullback against the float64 ones at the same (float32-rounded) point
/// (<see cref="Float32Check"/>, which says why this and not float32 finite differences), through the same probe
/// Sum(Mul(Op(x), W)) as <see cref="GradientChecks"/>, whose float64 pullbacks are checked against central differences.
/// </summary>
[Properties(Arbitrary = [typeof(Gens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public class Float32GradientChecks
{
    private static void Unary(Func<Tensor, Tensor> op, Tensor x) => Float32Check.Assert(t => Weights.Probe(op(t)), x);

    private static void Binary(Func<Tensor, Tensor, Tensor> op, Tensor a, Tensor b) => Float32Check.Assert((x, y) => Weights.Probe(op(x, y)), a, b);

    [Property] public void Exp(Mat x) => Unary(Ops.Exp, x.Value);
    [Property] public void Log(PosMat x) => Unary(Ops.Log, x.Value);
    [Property] public void Log1p(PosMat x) => Unary(t => Ops.Log1p(Ops.AddScalar(t, -1.0)), x.Value);
    [Property] public void Expm1(Mat x) => Unary(Ops.Expm1, x.Value);
    [Property] public void Expm1MinusX(Mat x) => Unary(Ops.Expm1MinusX, x.Value);
    [Property] public void Softplus(Mat x) => Unary(Ops.Softplus, x.Value);
    [Property] public void Sigmoid(Mat x) => Unary(Ops.Sigmoid, x.Value);
    [Property] public void Tanh(Mat x) => Unary(Ops.Tanh, x.Value);
    [Property] public void Relu(KinkFreeMat x) => Unary(Ops.Relu, x.Value);
    [Property] public void Square(Mat x) => Unary(Ops.Square, x.Value);
    [Property] public void Sqrt(PosMat x) => Unary(Ops.Sqrt, x.Value);
    [Property] public void Clamp(KinkFreeMat x) => Unary(t => Ops.Clamp(t, -1.0, 1.0), x.Value);
    [Property] public void Scale(Mat x) => Unary(t => Ops.Scale(t, -2.5), x.Value);
    [Property] public void Neg(Mat x) => Unary(Ops.Neg, x.Value);
    [Property] public void AddScalar(Mat x) => Unary(t => Ops.AddScalar(t, 0.75), x.Value);

    [Property] public void Add(BroadcastOperands o) { Binary(Ops.Add, o.Full, o.PosFull); Binary(Ops.Add, o.Full, o.Row); Binary(Ops.Add, o.Col, o.Full); Binary(Ops.Add, o.Row, o.Col); }
    [Property] public void Sub(BroadcastOperands o) { Binary(Ops.Sub, o.Full, o.PosFull); Binary(Ops.Sub, o.Full, o.Row); Binary(Ops.Sub, o.One, o.Full); Binary(Ops.Sub, o.Col, o.Row); }
    [Property] public void Mul(BroadcastOperands o) { Binary(Ops.Mul, o.Full, o.PosFull); Binary(Ops.Mul, o.Full, o.Row); Binary(Ops.Mul, o.Col, o.Full); Binary(Ops.Mul, o.Row, o.Col); }
    [Property] public void Div(BroadcastOperands o) { Binary(Ops.Div, o.Full, o.PosFull); Binary(Ops.Div, o.Full, o.PosRow); Binary(Ops.Div, o.One, o.PosFull); Binary(Ops.Div, o.Col, o.PosRow); }
    [Property] public void RowDot(BroadcastOperands o) => Binary(Ops.RowDot, o.Full, o.PosFull);

    [Property]
    public void MatMul(MatMulOperands o)
    {
        Binary((a, b) => Ops.MatMul(a, b), o.A, o.B);
        Binary((a, b) => Ops.MatMul(Ops.Transpose(a), b, transposeA: true), o.A, o.B);
        Binary((a, b) => Ops.MatMul(a, Ops.Transpose(b), transposeB: true), o.A, o.B);
        Binary((a, b) => Ops.MatMul(Ops.Transpose(a), Ops.Transpose(b), transposeA: true, transposeB: true), o.A, o.B);
    }

    [Property] public void Transpose(Mat x) => Unary(Ops.Transpose, x.Value);
    [Property] public void Sum(Mat x) { Unary(Ops.Sum, x.Value); Unary(t => Ops.Sum(t, 0), x.Value); Unary(t => Ops.Sum(t, 1), x.Value); }
    [Property] public void Mean(Mat x) { Unary(Ops.Mean, x.Value); Unary(t => Ops.Mean(t, 0), x.Value); Unary(t => Ops.Mean(t, 1), x.Value); }
    [Property] public void LogSumExp(Mat x) { Unary(t => Ops.LogSumExp(t, 0), x.Value); Unary(t => Ops.LogSumExp(t, 1), x.Value); }

    [Property]
    public void BroadcastTo(BroadcastOperands o)
    {
        Unary(t => Ops.BroadcastTo(t, o.Full.Rows, o.Full.Cols), o.Row);
        Unary(t => Ops.BroadcastTo(t, o.Full.Rows, o.Full.Cols), o.Col);
        Unary(t => Ops.BroadcastTo(t, o.Full.Rows, o.Full.Cols), o.One);
    }

    [Property] public void Reshape(Mat x) { Unary(t => Ops.Reshape(t, t.Cols, t.Rows), x.Value); Unary(t => Ops.Reshape(t, 1, t.Length), x.Value); }
    [Property] public void Concat(ConcatOperands o) { Binary(Ops.ConcatRows, o.A, o.Below); Binary(Ops.ConcatCols, o.A, o.Beside); }
    [Property] public void SliceRows(Mat x) => Unary(t => Ops.SliceRows(t, t.Rows / 2, t.Rows - t.Rows / 2), x.Value);
    [Property] public void SliceCols(Mat x) => Unary(t => t.Cols == 1 ? Ops.SliceCols(t, 0, 1) : Ops.SliceCols(t, 1, Math.Max(1, t.Cols - 2)), x.Value);
    [Property] public void PickPerRow(Mat x) => Unary(t => Ops.PickPerRow(t, [.. Enumerable.Range(0, t.Rows).Select(r => (3 * r + 1) % t.Cols)]), x.Value);
    [Property] public void RepeatRows(Mat x) => Unary(t => Ops.RepeatRows(t, 3), x.Value);
    [Property] public void TileRows(Mat x) => Unary(t => Ops.TileRows(t, 3), x.Value);
    [Property] public void L2NormalizeRows(Mat x) => Unary(t => Ops.L2NormalizeRows(t), x.Value);

    /// <summary>A float32 leaf used in a float64 computation: the cotangent comes back through AsType as float32.</summary>
    [Property] public void AsType(Mat x) => Unary(t => Ops.Exp(Ops.AsType(Ops.AsType(t, DType.Float64), t.DType)), x.Value);

    /// <summary>A composition reusing its input, so the tape accumulates float32 cotangents.</summary>
    [Property] public void ReusedInput(Mat x) => Unary(t => Ops.Mul(Ops.Tanh(t), Ops.Exp(Ops.Scale(t, 0.5))), x.Value);
}
