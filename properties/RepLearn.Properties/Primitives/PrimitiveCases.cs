using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Primitives;

/// <summary>
/// Every primitive's case list, written once and checked in each precision by a subclass that says how a case is judged:
/// <see cref="GradientChecks"/> (float64 pullbacks against central finite differences) and
/// <see cref="Float32GradientChecks"/> (float32 values and pullbacks against the float64 ones). Each case is a function
/// of generated tensors whose scalar probe is <c>Sum(Mul(Op(x), W))</c> with W fixed for the output's shape
/// (<see cref="Weights"/>). This file: element-wise unary primitives and scalar arithmetic; binary broadcasting, matmul,
/// reductions and shape primitives are in the other partial files.
/// </summary>
[Properties(Arbitrary = [typeof(Gens)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public abstract partial class PrimitiveCases
{
    /// <summary>Judges op's value and pullback at x.</summary>
    protected abstract void Unary(Func<Tensor, Tensor> op, Tensor x);

    /// <summary>Judges op's value and pullbacks (both operands differentiated) at (a, b).</summary>
    protected abstract void Binary(Func<Tensor, Tensor, Tensor> op, Tensor a, Tensor b);

    /// <summary>A constant tensor x + s, to move a generated domain.</summary>
    private static Tensor Shift(Tensor x, double s) => Tensor.Create(x.Rows, x.Cols, (r, c) => x[r, c] + s, x.DType);

    [Property] public void Exp(Mat x) => Unary(Ops.Exp, x.Value);

    [Property] public void Log(PosMat x) => Unary(Ops.Log, x.Value);

    /// <summary>Log1p on [-0.5, 2], which reaches towards its pole at -1.</summary>
    [Property] public void Log1p(PosMat x) => Unary(Ops.Log1p, Shift(x.Value, -1.0));

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

    /// <summary>A composition: the tape must accumulate cotangents where x is used twice.</summary>
    [Property] public void ReusedInput(Mat x) => Unary(t => Ops.Mul(Ops.Tanh(t), Ops.Exp(Ops.Scale(t, 0.5))), x.Value);
}
