using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RepLearn.Functional.Tensors;

/// <summary>An element-wise function with a scalar form and a 512-bit vector form that agree to a few ulps.</summary>
internal interface IUnaryOp
{
    static abstract double Scalar(double x);
    static abstract Vector512<double> Vector(Vector512<double> x);
}

/// <summary>An element-wise function of two arguments, in scalar and vector form.</summary>
internal interface IBinaryOp
{
    static abstract double Scalar(double a, double b);
    static abstract Vector512<double> Vector(Vector512<double> a, Vector512<double> b);
}

/// <summary>
/// Element-wise loops specialised per operator (struct generics, so each operator is inlined), on
/// 512-bit vectors where the CPU has them and scalar code elsewhere. The vector exp and log are .NET's
/// (Vector512.Exp / Log), accurate to about 1 ulp. The tail that does not fill a vector goes through the same
/// vector function (padded), so every element gets bit-identical treatment whatever its position: a sample's
/// outputs do not depend on where it sits in the batch.
/// </summary>
internal static class VectorMath
{
    private static readonly bool Wide = Vector512.IsHardwareAccelerated;

    public static void Map<TOp>(ReadOnlySpan<double> x, Span<double> dst) where TOp : IUnaryOp
    {
        var i = 0;
        if (Wide)
        {
            ref var rx = ref MemoryMarshal.GetReference(x);
            ref var rd = ref MemoryMarshal.GetReference(dst);
            for (; i <= dst.Length - 8; i += 8)
                TOp.Vector(Vector512.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
            if (i == dst.Length) return;
            Span<double> pad = stackalloc double[8];
            x[i..].CopyTo(pad);
            TOp.Vector(Vector512.Create<double>(pad)).CopyTo(pad);
            pad[..(dst.Length - i)].CopyTo(dst[i..]);
            return;
        }
        for (; i < dst.Length; i++) dst[i] = TOp.Scalar(x[i]);
    }

    public static void Zip<TOp>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> dst) where TOp : IBinaryOp
    {
        var i = 0;
        if (Wide)
        {
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            ref var rd = ref MemoryMarshal.GetReference(dst);
            for (; i <= dst.Length - 8; i += 8)
                TOp.Vector(Vector512.LoadUnsafe(ref ra, (nuint)i), Vector512.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
            if (i == dst.Length) return;
            Span<double> padA = stackalloc double[8];
            Span<double> padB = stackalloc double[8];
            a[i..].CopyTo(padA);
            b[i..].CopyTo(padB);
            TOp.Vector(Vector512.Create<double>(padA), Vector512.Create<double>(padB)).CopyTo(padA);
            padA[..(dst.Length - i)].CopyTo(dst[i..]);
            return;
        }
        for (; i < dst.Length; i++) dst[i] = TOp.Scalar(a[i], b[i]);
    }

    /// <summary>log1p(e) for e in [0, 1] by Goldberg's trick: log(u) e / (u - 1) with u = 1 + e, exact where u = 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log1pSmall(Vector512<double> e)
    {
        var u = Vector512<double>.One + e;
        var um1 = u - Vector512<double>.One;
        var ratio = Vector512.Log(u) * e / um1;
        return Vector512.ConditionalSelect(Vector512.Equals(um1, Vector512<double>.Zero), e, ratio);
    }

    /// <summary>sigmoid(x) = 1 / (1 + e^-x) for x &gt;= 0 and e^x / (1 + e^x) below, from e = e^-|x|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sigmoid(Vector512<double> x)
    {
        var e = Vector512.Exp(-Vector512.Abs(x));
        var denominator = Vector512<double>.One + e;
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero),
            Vector512<double>.One / denominator, e / denominator);
    }
}

/// <summary>e^x.</summary>
internal readonly struct ExpOp : IUnaryOp
{
    public static double Scalar(double x) => Math.Exp(x);
    public static Vector512<double> Vector(Vector512<double> x) => Vector512.Exp(x);
}

/// <summary>ln x.</summary>
internal readonly struct LogOp : IUnaryOp
{
    public static double Scalar(double x) => Math.Log(x);
    public static Vector512<double> Vector(Vector512<double> x) => Vector512.Log(x);
}

/// <summary>softplus(x) = max(x, 0) + log1p(e^-|x|).</summary>
internal readonly struct SoftplusOp : IUnaryOp
{
    public static double Scalar(double x) => Numerics.Scalar.Softplus(x);
    public static Vector512<double> Vector(Vector512<double> x) =>
        Vector512.Max(x, Vector512<double>.Zero) + VectorMath.Log1pSmall(Vector512.Exp(-Vector512.Abs(x)));
}

/// <summary>The logistic sigmoid.</summary>
internal readonly struct SigmoidOp : IUnaryOp
{
    public static double Scalar(double x) => Numerics.Scalar.Sigmoid(x);
    public static Vector512<double> Vector(Vector512<double> x) => VectorMath.Sigmoid(x);
}

/// <summary>max(x, 0).</summary>
internal readonly struct ReluOp : IUnaryOp
{
    public static double Scalar(double x) => x > 0 ? x : 0;
    public static Vector512<double> Vector(Vector512<double> x) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<double>.Zero), x, Vector512<double>.Zero);
}

/// <summary>x^2.</summary>
internal readonly struct SquareOp : IUnaryOp
{
    public static double Scalar(double x) => x * x;
    public static Vector512<double> Vector(Vector512<double> x) => x * x;
}

/// <summary>Pullback of softplus: ct sigmoid(x).</summary>
internal readonly struct SoftplusGradOp : IBinaryOp
{
    public static double Scalar(double ct, double x) => ct * Numerics.Scalar.Sigmoid(x);
    public static Vector512<double> Vector(Vector512<double> ct, Vector512<double> x) => ct * VectorMath.Sigmoid(x);
}

/// <summary>Pullback of relu: ct where x &gt; 0, else 0.</summary>
internal readonly struct ReluGradOp : IBinaryOp
{
    public static double Scalar(double ct, double x) => x > 0 ? ct : 0;
    public static Vector512<double> Vector(Vector512<double> ct, Vector512<double> x) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<double>.Zero), ct, Vector512<double>.Zero);
}

/// <summary>Pullback of sigmoid from its output: ct y (1 - y).</summary>
internal readonly struct SigmoidGradOp : IBinaryOp
{
    public static double Scalar(double ct, double y) => ct * y * (1 - y);
    public static Vector512<double> Vector(Vector512<double> ct, Vector512<double> y) => ct * y * (Vector512<double>.One - y);
}

/// <summary>Pullback of x^2: 2 x ct.</summary>
internal readonly struct SquareGradOp : IBinaryOp
{
    public static double Scalar(double ct, double x) => 2 * x * ct;
    public static Vector512<double> Vector(Vector512<double> ct, Vector512<double> x) => (x + x) * ct;
}

/// <summary>Pullback of ln: ct / x.</summary>
internal readonly struct DivideOp : IBinaryOp
{
    public static double Scalar(double a, double b) => a / b;
    public static Vector512<double> Vector(Vector512<double> a, Vector512<double> b) => a / b;
}
