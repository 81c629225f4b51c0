using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Primitives;

/// <summary>
/// MatMul in each transpose combination, both operands differentiated, and Transpose itself.
/// The operands are generated as A (m x k) and B (k x n); a transposed operand is stored transposed
/// so that op(A) op(B) is always m x n.
/// </summary>
public abstract partial class PrimitiveCases
{
    private static Tensor T(Tensor x) => Ops.Transpose(x.Detach());

    private void MatMulCase(MatMulOperands o, bool ta, bool tb) =>
        Binary((a, b) => Ops.MatMul(a, b, ta, tb), ta ? T(o.A) : o.A, tb ? T(o.B) : o.B);

    [Property] public void MatMul(MatMulOperands o) => MatMulCase(o, false, false);
    [Property] public void MatMulTransposeA(MatMulOperands o) => MatMulCase(o, true, false);
    [Property] public void MatMulTransposeB(MatMulOperands o) => MatMulCase(o, false, true);
    [Property] public void MatMulTransposeBoth(MatMulOperands o) => MatMulCase(o, true, true);

    /// <summary>A Gram matrix X^T X: the same leaf on both sides of a transposed product.</summary>
    [Property] public void MatMulGram(Mat x) => Unary(t => Ops.MatMul(t, t, transposeA: true), x.Value);

    [Property] public void Transpose(Mat x) => Unary(Ops.Transpose, x.Value);
}
