using System.Numerics;
using System.Runtime.InteropServices;

namespace RepLearn.Functional.Optim;

/// <summary>
/// Adam's per-leaf arithmetic in one vectorised pass (three fresh buffers, inputs untouched):
/// m' = b1 m + (1 - b1) g, v' = b2 v + (1 - b2) g^2, u = (m' / c1) / (sqrt(v' / c2) + eps).
/// </summary>
internal static class AdamKernel
{
    public static (Tensor Mu, Tensor Nu, Tensor Update) Step(Tensor g, Tensor m, Tensor v, double b1, double b2, double c1, double c2, double eps)
    {
        var mu = Tensor.NewUninitialized(g.Rows, g.Cols);
        var nu = Tensor.NewUninitialized(g.Rows, g.Cols);
        var u = Tensor.NewUninitialized(g.Rows, g.Cols);
        ReadOnlySpan<double> sg = g.Span, sm = m.Span, sv = v.Span;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            Vector<double> vb1 = new(b1), vb1c = new(1 - b1), vb2 = new(b2), vb2c = new(1 - b2), vc1 = new(1 / c1), vc2 = new(1 / c2), veps = new(eps);
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
            mu[i] = b1 * sm[i] + (1 - b1) * sg[i];
            nu[i] = b2 * sv[i] + (1 - b2) * sg[i] * sg[i];
            u[i] = mu[i] * (1 / c1) / (Math.Sqrt(nu[i] * (1 / c2)) + eps);
        }
        return (Tensor.Wrap(g.Rows, g.Cols, mu), Tensor.Wrap(g.Rows, g.Cols, nu), Tensor.Wrap(g.Rows, g.Cols, u));
    }
}
