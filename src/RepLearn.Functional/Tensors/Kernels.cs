using System.Numerics;
using System.Runtime.InteropServices;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// Vectorised loops over spans. Each writes only its destination, which the caller has just
/// allocated; inputs are never written.
/// </summary>
internal static class Kernels
{
    /// <summary>dst = a + b, element-wise.</summary>
    public static void Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> dst) => Binary<AddOp>(a, b, dst);

    /// <summary>dst = a - b, element-wise.</summary>
    public static void Subtract(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> dst) => Binary<SubtractOp>(a, b, dst);

    /// <summary>dst = a * b, element-wise.</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> dst) => Binary<MultiplyOp>(a, b, dst);

    /// <summary>An arithmetic operator on portable vectors and on scalars.</summary>
    private interface IArithmetic
    {
        static abstract Vector<double> Apply(Vector<double> a, Vector<double> b);
        static abstract double Apply(double a, double b);
    }

    private readonly struct AddOp : IArithmetic
    {
        public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a + b;
        public static double Apply(double a, double b) => a + b;
    }

    private readonly struct SubtractOp : IArithmetic
    {
        public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a - b;
        public static double Apply(double a, double b) => a - b;
    }

    private readonly struct MultiplyOp : IArithmetic
    {
        public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a * b;
        public static double Apply(double a, double b) => a * b;
    }

    /// <summary>dst = a op b over vectors, then the scalar tail (specialised per operator by the JIT).</summary>
    private static void Binary<TOp>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> dst) where TOp : IArithmetic
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            ref var rd = ref MemoryMarshal.GetReference(dst);
            for (; i <= dst.Length - w; i += w)
                TOp.Apply(Vector.LoadUnsafe(ref ra, (nuint)i), Vector.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < dst.Length; i++) dst[i] = TOp.Apply(a[i], b[i]);
    }

    /// <summary>dst = s * a.</summary>
    public static void Scale(ReadOnlySpan<double> a, double s, Span<double> dst)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            var vs = new Vector<double>(s);
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rd = ref MemoryMarshal.GetReference(dst);
            for (; i <= dst.Length - w; i += w)
                (Vector.LoadUnsafe(ref ra, (nuint)i) * vs).StoreUnsafe(ref rd, (nuint)i);
        }
        for (; i < dst.Length; i++) dst[i] = s * a[i];
    }

    /// <summary>Sum of all elements, pairwise over vector lanes for accuracy.</summary>
    public static double Sum(ReadOnlySpan<double> a)
    {
        var i = 0;
        var acc = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
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
    public static double Norm(ReadOnlySpan<double> x)
    {
        var sumSquares = Dot(x, x);
        if (double.IsNormal(sumSquares) || sumSquares == 0 && !HasNonZero(x)) return Math.Sqrt(sumSquares);
        var scale = 0.0;
        foreach (var v in x) scale = Math.Max(scale, Math.Abs(v));
        if (scale == 0 || !double.IsFinite(scale)) return scale;
        var scaled = 0.0;
        foreach (var v in x) { var t = v / scale; scaled += t * t; }
        return scale * Math.Sqrt(scaled);
    }

    private static bool HasNonZero(ReadOnlySpan<double> x)
    {
        foreach (var v in x) if (v != 0) return true;
        return false;
    }

    /// <summary>Dot product of two equal-length spans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var i = 0;
        var acc = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<double>.Count;
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            for (; i <= a.Length - w; i += w)
                acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref ra, (nuint)i), Vector.LoadUnsafe(ref rb, (nuint)i), acc);
        }
        var s = Vector.Sum(acc);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
