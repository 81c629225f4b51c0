namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The matrix product op(a) op(b), where op transposes when asked (no copy is made).
    /// For C = A B the pullback is (ct B^T, A^T ct); the transposed forms follow by symmetry:
    /// C = A B^T gives (ct B, ct^T A); C = A^T B gives (B ct^T, A ct); C = A^T B^T gives (B^T ct^T, ct^T A^T).
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        var (m, k) = transposeA ? (a.Cols, a.Rows) : (a.Rows, a.Cols);
        var (k2, n) = transposeB ? (b.Cols, b.Rows) : (b.Rows, b.Cols);
        if (k != k2)
            throw new ArgumentException($"matmul inner dimensions differ: {a.ShapeString}{(transposeA ? "^T" : "")} times {b.ShapeString}{(transposeB ? "^T" : "")}");
        DTypes.RequireSame(a, b, nameof(MatMul));
        var y = a.DType == DType.Float32
            ? Tensor.Wrap(m, n, Gemm.Multiply(a.BufferOf<float>(), transposeA, b.BufferOf<float>(), transposeB, m, k, n))
            : Tensor.Wrap(m, n, Gemm.Multiply(a.Buffer, transposeA, b.Buffer, transposeB, m, k, n));
        var ca = a.Detach();
        var cb = b.Detach();
        return Record(y, [a, b], ct => [
            Unless(a.RequiresGrad, () => transposeA ? MatMul(cb, ct, transposeB, true) : MatMul(ct, cb, false, !transposeB)),
            Unless(b.RequiresGrad, () => transposeB ? MatMul(ct, ca, true, transposeA) : MatMul(ca, ct, !transposeA, false))]);
    }

    /// <summary>x^T. Pullback: ct^T.</summary>
    public static Tensor Transpose(Tensor x) =>
        Record(x.DType == DType.Float32 ? Transposed<float>(x) : Transposed<double>(x), [x], ct => [Transpose(ct)]);

    private static Tensor Transposed<T>(Tensor x) where T : unmanaged
    {
        var src = x.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(x.Cols, x.Rows);
        for (var r = 0; r < x.Rows; r++)
            for (var c = 0; c < x.Cols; c++)
                dst[c * x.Rows + r] = src[r * x.Cols + c];
        return Tensor.Wrap(x.Cols, x.Rows, dst);
    }
}
