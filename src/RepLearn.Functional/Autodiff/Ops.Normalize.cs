namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>Default floor on a vector norm, so a zero vector normalises to 0 instead of NaN.</summary>
    public const double NormEpsilon = 1e-12;

    /// <summary>
    /// Row-wise L2 normalisation y_r = x_r / max(||x_r||, eps) (as PyTorch's F.normalize).
    /// Pullback: (ct_r - y_r (y_r . ct_r)) / ||x_r|| where the norm exceeds eps, else ct_r / eps:
    /// finite everywhere, including at a zero vector.
    /// </summary>
    public static Tensor L2NormalizeRows(Tensor x, double eps = NormEpsilon)
    {
        var norms = new double[x.Rows];
        var dst = Tensor.NewUninitialized(x.Rows, x.Cols);
        for (var r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            norms[r] = Kernels.Norm(row);
            Kernels.Scale(row, 1.0 / Math.Max(norms[r], eps), dst.AsSpan(r * x.Cols, x.Cols));
        }
        var y = Tensor.Wrap(x.Rows, x.Cols, dst);
        return Record(y, [x], ct =>
        {
            var back = Tensor.NewUninitialized(x.Rows, x.Cols);
            for (var r = 0; r < x.Rows; r++)
            {
                var g = ct.Row(r);
                var yr = y.Row(r);
                var outRow = back.AsSpan(r * x.Cols, x.Cols);
                if (norms[r] > eps)
                {
                    var proj = Kernels.Dot(yr, g);
                    for (var c = 0; c < x.Cols; c++) outRow[c] = (g[c] - yr[c] * proj) / norms[r];
                }
                else Kernels.Scale(g, 1.0 / eps, outRow);
            }
            return [Tensor.Wrap(x.Rows, x.Cols, back)];
        });
    }

    /// <summary>Row-wise dot products sum_c a_rc b_rc, as Rows x 1 (broadcasting as Mul).</summary>
    public static Tensor RowDot(Tensor a, Tensor b) => Sum(Mul(a, b), 1);
}
