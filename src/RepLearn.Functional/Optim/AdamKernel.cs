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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (Tensor Mu, Tensor Nu, Tensor Update) Step<T>(Tensor g, Tensor m, Tensor v, double beta1, double beta2, double c1, double c2, double epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mu = Tensor.NewUninitialized<T>(g.Rows, g.Cols);
        var nu = Tensor.NewUninitialized<T>(g.Rows, g.Cols);
        var u = Tensor.NewUninitialized<T>(g.Rows, g.Cols);
        ReadOnlySpan<T> sg = g.SpanOf<T>(), sm = m.SpanOf<T>(), sv = v.SpanOf<T>();
        var k = new AdamCoefficients<T>(beta1, beta2, c1, c2, epsilon);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<T>.Count;
            ref var rg = ref MemoryMarshal.GetReference(sg);
            ref var rm = ref MemoryMarshal.GetReference(sm);
            ref var rv = ref MemoryMarshal.GetReference(sv);
            for (; i <= u.Length - w; i += w)
            {
                var (mi, vi) = (Vector.LoadUnsafe(ref rm, (nuint)i), Vector.LoadUnsafe(ref rv, (nuint)i));
                var ui = k.Step(Vector.LoadUnsafe(ref rg, (nuint)i), ref mi, ref vi);
                mi.StoreUnsafe(ref mu[0], (nuint)i);
                vi.StoreUnsafe(ref nu[0], (nuint)i);
                ui.StoreUnsafe(ref u[0], (nuint)i);
            }
        }
        for (; i < u.Length; i++)
        {
            (mu[i], nu[i]) = (sm[i], sv[i]);
            u[i] = k.Step(sg[i], ref mu[i], ref nu[i]);
        }
        return (Tensor.Wrap(g.Rows, g.Cols, mu), Tensor.Wrap(g.Rows, g.Cols, nu), Tensor.Wrap(g.Rows, g.Cols, u));
    }
}

/// <summary>
/// Adam's per-element step with its scalars rounded once to T (hyperparameters and 1 / c1, 1 / c2 computed in double):
/// m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, u = m / c1 / (sqrt(v / c2) + eps) as m (1 / c1) / (sqrt(v (1 / c2)) + eps).
/// The one place the equation is written: the pure <see cref="AdamKernel"/> and the in-place Training.FusedAdam both run
/// it, so they give the same bits.
/// </summary>
internal readonly struct AdamCoefficients<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T b1, b1c, b2, b2c, ic1, ic2, eps;

    public AdamCoefficients(double beta1, double beta2, double c1, double c2, double epsilon)
    {
        (b1, b1c, b2, b2c) = (T.CreateTruncating(beta1), T.CreateTruncating(1 - beta1), T.CreateTruncating(beta2), T.CreateTruncating(1 - beta2));
        (ic1, ic2, eps) = (T.CreateTruncating(1 / c1), T.CreateTruncating(1 / c2), T.CreateTruncating(epsilon));
    }

    /// <summary>Updates the moments <paramref name="m"/> and <paramref name="v"/> from <paramref name="g"/> and returns u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Step(Vector<T> g, ref Vector<T> m, ref Vector<T> v)
    {
        m = new Vector<T>(b1) * m + new Vector<T>(b1c) * g;
        v = new Vector<T>(b2) * v + new Vector<T>(b2c) * g * g;
        return m * new Vector<T>(ic1) / (Vector.SquareRoot(v * new Vector<T>(ic2)) + new Vector<T>(eps));
    }

    /// <summary>The scalar form of <see cref="Step(Vector{T}, ref Vector{T}, ref Vector{T})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Step(T g, ref T m, ref T v)
    {
        m = b1 * m + b1c * g;
        v = b2 * v + b2c * g * g;
        return m * ic1 / (T.Sqrt(v * ic2) + eps);
    }
}
