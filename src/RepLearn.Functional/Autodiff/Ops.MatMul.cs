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
        var y = a.DType == DType.Float32 ? Product<float>(a, transposeA, b, transposeB, m, k, n) : Product<double>(a, transposeA, b, transposeB, m, k, n);
        var ca = a.Detach();
        var cb = b.Detach();
        return Record(y, [a, b], ct => [
            Unless(a.RequiresGrad, () => transposeA ? MatMul(cb, ct, transposeB, true) : MatMul(ct, cb, false, !transposeB)),
            Unless(b.RequiresGrad, () => transposeB ? MatMul(ct, ca, true, transposeA) : MatMul(ca, ct, !transposeA, false))]);
    }

    private static Tensor Product<T>(Tensor a, bool transposeA, Tensor b, bool transposeB, int m, int k, int n) where T : unmanaged
    {
        var c = Tensor.NewUninitialized<T>(m, n); // Gemm clears it first
        Gemm.MultiplyInto<T>(a.SpanOf<T>(), transposeA, b.SpanOf<T>(), transposeB, c, m, k, n, GemmIsaSelection.Current, Gemm.MaxThreads);
        return Tensor.Wrap(m, n, c);
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
