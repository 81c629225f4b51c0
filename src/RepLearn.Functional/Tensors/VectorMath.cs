using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RepLearn.Functional.Tensors;

/// <summary>An element-wise function with a scalar form and a 512-bit vector form that agree to a few ulps, for double and float.</summary>
internal interface IUnaryOp
{
    static abstract T Scalar<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract Vector512<T> Vector<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>An element-wise function of two arguments, in scalar and vector form.</summary>
internal interface IBinaryOp
{
    static abstract T Scalar<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>;
    static abstract Vector512<T> Vector<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// Element-wise loops specialised per operator and element type (struct generics, so each operator is inlined), on
/// 512-bit vectors wherever the CPU has any SIMD: without AVX-512, .NET runs a Vector512 as two 256-bit halves (AVX2)
/// or four 128-bit ones (NEON, SSE), which gives every lane the same bits as AVX-512 and was measured over 2x faster than
/// the scalar loop for e^x on an AVX2 core (Zen 3: 100,352 doubles in about 300 us against 684 us). Scalar code only where
/// there is no SIMD at all. The vector exp and log are the library's own (<see cref="VectorExpLog"/>, 1 ulp worst),
/// inlined here and compiled optimised with the loops. The tail that does not fill a vector goes through the same
/// vector function (padded), so every element gets bit-identical treatment whatever its position: a sample's
/// outputs do not depend on where it sits in the batch.
/// </summary>
internal static class VectorMath
{
    private static readonly bool Wide = Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Map<TOp, T>(ReadOnlySpan<T> x, Span<T> dst) where TOp : IUnaryOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Wide)
        {
            ref var rx = ref MemoryMarshal.GetReference(x);
            ref var rd = ref MemoryMarshal.GetReference(dst);
            for (var last = dst.Length - Vector512<T>.Count; i <= last; i += Vector512<T>.Count)
                TOp.Vector(Vector512.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
            if (i == dst.Length) return;
            Span<T> pad = stackalloc T[Vector512<T>.Count];
            x[i..].CopyTo(pad);
            TOp.Vector(Vector512.Create<T>(pad)).CopyTo(pad);
            pad[..(dst.Length - i)].CopyTo(dst[i..]);
            return;
        }
        for (; i < dst.Length; i++) dst[i] = TOp.Scalar(x[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Zip<TOp, T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst) where TOp : IBinaryOp where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Wide)
        {
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            ref var rd = ref MemoryMarshal.GetReference(dst);
            for (var last = dst.Length - Vector512<T>.Count; i <= last; i += Vector512<T>.Count)
                TOp.Vector(Vector512.LoadUnsafe(ref ra, (nuint)i), Vector512.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
            if (i == dst.Length) return;
            Span<T> padA = stackalloc T[Vector512<T>.Count];
            Span<T> padB = stackalloc T[Vector512<T>.Count];
            a[i..].CopyTo(padA);
            b[i..].CopyTo(padB);
            TOp.Vector(Vector512.Create<T>(padA), Vector512.Create<T>(padB)).CopyTo(padA);
            padA[..(dst.Length - i)].CopyTo(dst[i..]);
            return;
        }
        for (; i < dst.Length; i++) dst[i] = TOp.Scalar(a[i], b[i]);
    }

    /// <summary>log1p(e) for e in [0, 1] by Goldberg's trick: log(u) e / (u - 1) with u = 1 + e, exact where u = 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log1pSmall<T>(Vector512<T> e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var u = Vector512<T>.One + e;
        var um1 = u - Vector512<T>.One;
        var ratio = VectorExpLog.Log(u) * e / um1;
        return Vector512.ConditionalSelect(Vector512.Equals(um1, Vector512<T>.Zero), e, ratio);
    }

    /// <summary>sigmoid(x) = 1 / (1 + e^-x) for x &gt;= 0 and e^x / (1 + e^x) below, from e = e^-|x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sigmoid<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var e = VectorExpLog.Exp(-Vector512.Abs(x));
        var denominator = Vector512<T>.One + e;
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<T>.Zero),
            Vector512<T>.One / denominator, e / denominator);
    }
}
