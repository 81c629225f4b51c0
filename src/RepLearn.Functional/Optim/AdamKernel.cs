using System.Numerics;
using System.Runtime.InteropServices;

namespace RepLearn.Functional.Optim;

/// <summary>
/// Adam's per-leaf arithmetic in one vectorised pass (three fresh buffers, inputs untouched):
/// m' = b1 m + (1 - b1) g, v' = b2 v + (1 - b2) g^2, u = (m' / c1) / (sqrt(v' / c2) + eps).
/// Written once for double and float: the moments and the update have the gradient's dtype (the hyperparameters and
/// bias corrections, computed in double, are rounded to it), so a float32 model keeps a float32 state, as PyTorch's.
/// </summary>
internal static class AdamKernel
{
    public static (Tensor Mu, Tensor Nu, Tensor Update) Step(Tensor g, Tensor m, Tensor v, double b1, double b2, double c1, double c2, double eps)
    {
        DTypes.RequireSame(g, m, "Adam (gradient and first moment)");
        DTypes.RequireSame(g, v, "Adam (gradient and second moment)");
        return g.DType == DType.Float32 ? Step<float>(g, m, v, b1, b2, c1, c2, eps) : Step<double>(g, m, v, b1, b2, c1, c2, eps);
    }

    private static (Tensor Mu, Tensor Nu, Tensor Update) Step<T>(Tensor g, Tensor m, Tensor v, double beta1, double beta2, double c1, double c2, double epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mu = Tensor.NewUninitialized<T>(g.Rows, g.Cols);
        var nu = Tensor.NewUninitialized<T>(g.Rows, g.Cols);
        var u = Tensor.NewUninitialized<T>(g.Rows, g.Cols);
        ReadOnlySpan<T> sg = g.SpanOf<T>(), sm = m.SpanOf<T>(), sv = v.SpanOf<T>();
        T b1 = T.CreateTruncating(beta1), b1c = T.CreateTruncating(1 - beta1), b2 = T.CreateTruncating(beta2), b2c = T.CreateTruncating(1 - beta2);
        T ic1 = T.CreateTruncating(1 / c1), ic2 = T.CreateTruncating(1 / c2), eps = T.CreateTruncating(epsilon);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<T>.Count;
            Vector<T> vb1 = new(b1), vb1c = new(b1c), vb2 = new(b2), vb2c = new(b2c), vc1 = new(ic1), vc2 = new(ic2), veps = new(eps);
            ref var rg = ref MemoryMarshal.GetReference(sg);
            ref var rm = ref MemoryMarshal.GetReference(sm);
            ref var rv = ref MemoryMarshal.GetReference(sv);
            for (; i <= u.Length - w; i += w)
            {
                var gi = Vector.LoadUnsafe(ref rg, (nuint)i);
                var mi = vb1 * Vector.LoadUnsafe(ref rm, (nuint)i) + vb1c * gi;
                var vi = vb2 * Vector.LoadUnsafe(ref rv, (nuint)i) + vb2c * gi * gi;
                mi.StoreUnsafe(ref mu[0], (nuint)i);
                vi.StoreUnsafe(ref nu[0], (nuint)i);
                (mi * vc1 / (Vector.SquareRoot(vi * vc2) + veps)).StoreUnsafe(ref u[0], (nuint)i);
            }
        }
        for (; i < u.Length; i++)
        {
            mu[i] = b1 * sm[i] + b1c * sg[i];
            nu[i] = b2 * sv[i] + b2c * sg[i] * sg[i];
            u[i] = mu[i] * ic1 / (T.Sqrt(nu[i] * ic2) + eps);
        }
        return (Tensor.Wrap(g.Rows, g.Cols, mu), Tensor.Wrap(g.Rows, g.Cols, nu), Tensor.Wrap(g.Rows, g.Cols, u));
    }
}
