using System.Numerics;
namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>Default floor on a vector norm, so a zero vector normalises to 0 instead of NaN.</summary>
    public const double NormEpsilon = 1e-12;

    /// <summary>
    /// Row-wise L2 normalisation y_r = x_r / max(||x_r||, eps) (as PyTorch's F.normalize).
    /// Pullback: (ct_r - y_r (y_r . ct_r)) / ||x_r|| where the norm exceeds eps, else ct_r / eps:
    /// finite everywhere, including at a zero vector. In float32 the norms and eps are float32 (eps 1e-12 is a normal float).
    /// </summary>
    public static Tensor L2NormalizeRows(Tensor x, double eps = NormEpsilon) =>
        x.DType == DType.Float32 ? L2NormalizeRows<float>(x, eps) : L2NormalizeRows<double>(x, eps);

    private static Tensor L2NormalizeRows<T>(Tensor x, double epsilon) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var eps = T.CreateTruncating(epsilon);
        var norms = new T[x.Rows];
        var src = x.SpanOf<T>();
        var dst = Tensor.NewUninitialized<T>(x.Rows, x.Cols);
        for (var r = 0; r < x.Rows; r++)
        {
            var row = src.Slice(r * x.Cols, x.Cols);
            norms[r] = Kernels.Norm(row);
            Kernels.Scale(row, T.One / T.Max(norms[r], eps), dst.AsSpan(r * x.Cols, x.Cols));
        }
        var y = Tensor.Wrap(x.Rows, x.Cols, dst);
        return Record(y, [x], ct =>
        {
            var back = Tensor.NewUninitialized<T>(x.Rows, x.Cols);
            var sg = ct.SpanOf<T>();
            var sy = y.SpanOf<T>();
            for (var r = 0; r < x.Rows; r++)
            {
                var g = sg.Slice(r * x.Cols, x.Cols);
                var yr = sy.Slice(r * x.Cols, x.Cols);
                var outRow = back.AsSpan(r * x.Cols, x.Cols);
                if (norms[r] > eps)
                {
                    var proj = Kernels.Dot(yr, g);
                    for (var c = 0; c < x.Cols; c++) outRow[c] = (g[c] - yr[c] * proj) / norms[r];
                }
                else Kernels.Scale(g, T.One / eps, outRow);
            }
            return [Tensor.Wrap(x.Rows, x.Cols, back)];
        });
    }

    /// <summary>Row-wise dot products sum_c a_rc b_rc, as Rows x 1 (broadcasting as Mul).</summary>
    public static Tensor RowDot(Tensor a, Tensor b) => Sum(Mul(a, b), 1);
}
