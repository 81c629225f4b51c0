using System.Numerics;
using System.Runtime.InteropServices;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// Vectorised loops over spans of double or float, each written once for both (T is a JIT-time constant, so each
/// dtype gets its own specialised code). Each writes only its destination, which the caller has just allocated;
/// inputs are never written.
/// </summary>
internal static class Kernels
{
    /// <summary>dst = a + b, element-wise.</summary>
    public static void Add<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary<AddOp, T>(a, b, dst);

    /// <summary>dst = a - b, element-wise.</summary>
    public static void Subtract<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary<SubtractOp, T>(a, b, dst);

    /// <summary>dst = a * b, element-wise.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary<MultiplyOp, T>(a, b, dst);

    /// <summary>dst = a op b over vectors, then the scalar tail (specialised per operator and type by the JIT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Binary<TOp, T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst)
        where TOp : IArithmetic where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<T>.Count;
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            ref var rd = ref MemoryMarshal.GetReference(dst);
            for (; i <= dst.Length - w; i += w)
                TOp.Apply(Vector.LoadUnsafe(ref ra, (nuint)i), Vector.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < dst.Length; i++) dst[i] = TOp.Apply(a[i], b[i]);
    }

    /// <summary>dst = s * a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scale<T>(ReadOnlySpan<T> a, T s, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<T>.Count;
            var vs = new Vector<T>(s);
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rd = ref MemoryMarshal.GetReference(dst);
            for (; i <= dst.Length - w; i += w)
                (Vector.LoadUnsafe(ref ra, (nuint)i) * vs).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < dst.Length; i++) dst[i] = s * a[i];
    }

    /// <summary>Sum of all elements, pairwise over vector lanes for accuracy (accumulated in T: float32 sums in float32, as PyTorch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Sum<T>(ReadOnlySpan<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        var acc = Vector<T>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<T>.Count;
            ref var ra = ref MemoryMarshal.GetReference(a);
            for (; i <= a.Length - w; i += w) acc += Vector.LoadUnsafe(ref ra, (nuint)i);
        }
        var s = Vector.Sum(acc);
        for (; i < a.Length; i++) s += a[i];
        return s;
    }

    /// <summary>
    /// The Euclidean norm sqrt(sum x^2) without overflow or underflow: when the plain sum of squares is not a
    /// normal finite number, it is recomputed with the entries scaled by the largest magnitude.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sumSquares = Dot(x, x);
        if (T.IsNormal(sumSquares) || T.IsZero(sumSquares) && !HasNonZero(x)) return T.Sqrt(sumSquares);
        var scale = T.Zero;
        foreach (var v in x) scale = T.Max(scale, T.Abs(v));
        if (T.IsZero(scale) || !T.IsFinite(scale)) return scale;
        var scaled = T.Zero;
        foreach (var v in x) { var t = v / scale; scaled += t * t; }
        return scale * T.Sqrt(scaled);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasNonZero<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var v in x) if (!T.IsZero(v)) return true;
        return false;
    }

    /// <summary>Dot product of two equal-length spans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        var acc = Vector<T>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<T>.Count;
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            for (; i <= a.Length - w; i += w)
                acc = FusedMultiplyAdd(Vector.LoadUnsafe(ref ra, (nuint)i), Vector.LoadUnsafe(ref rb, (nuint)i), acc);
        }
        var s = Vector.Sum(acc);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>x * y + acc with one rounding, on portable vectors of double or float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> FusedMultiplyAdd<T>(Vector<T> x, Vector<T> y, Vector<T> acc) where T : unmanaged =>
        typeof(T) == typeof(double)
            ? Vector.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>()
            : Vector.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
}

/// <summary>An arithmetic operator on portable vectors and on scalars, of double or float.</summary>
internal interface IArithmetic
{
    static abstract Vector<T> Apply<T>(Vector<T> a, Vector<T> b) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract T Apply<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>a + b.</summary>
internal readonly struct AddOp : IArithmetic
{
    public static Vector<T> Apply<T>(Vector<T> a, Vector<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a + b;
    public static T Apply<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => a + b;
}

/// <summary>a - b.</summary>
internal readonly struct SubtractOp : IArithmetic
{
    public static Vector<T> Apply<T>(Vector<T> a, Vector<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a - b;
    public static T Apply<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => a - b;
}

/// <summary>a * b.</summary>
internal readonly struct MultiplyOp : IArithmetic
{
    public static Vector<T> Apply<T>(Vector<T> a, Vector<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a * b;
    public static T Apply<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => a * b;
}
