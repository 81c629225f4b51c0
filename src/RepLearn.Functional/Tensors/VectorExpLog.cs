using System.Runtime.Intrinsics;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// e^x and ln x on 256-bit vectors of double or float (a 512-bit one as two halves), written with nothing but vector
/// arithmetic, fused multiply-adds, compares and integer shifts, so they inline into the element loops that call them
/// and are compiled optimised with them. .NET's Vector512.Exp and Log are generic library methods outside this
/// assembly: under tiered
/// compilation they start unoptimised, and on one busy core the tier-up was seen not to arrive within eight seconds of
/// training (three times slower steps in a plain application). Every lane is computed alike (one fused multiply-add
/// per step, no table), so the bits are the same on AVX-512, AVX2 and NEON. Accuracy about 1 ulp (tests compare with
/// Math.Exp and Math.Log over the whole range).
/// </summary>
internal static class VectorExpLog
{
    // ln 2 as the nearest double / float and the part of ln 2 it misses (ln 2 - Ln2), for two-step range reduction.
    private const double Ln2 = 0.6931471805599453, Ln2Tail = 2.319046813846299558e-17, InvLn2 = 1.4426950408889634;
    private const float Ln2F = 0.6931472f, Ln2TailF = -1.9046542999577e-09f, InvLn2F = 1.442695f;

    /// <summary>e^x on a 512-bit vector, as two 256-bit halves (what AVX2 runs natively; the same bits on AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x) where T : unmanaged => typeof(T) == typeof(double)
        ? Vector512.Create(Exp(x.GetLower().AsDouble()), Exp(x.GetUpper().AsDouble())).As<double, T>()
        : Vector512.Create(Exp(x.GetLower().AsSingle()), Exp(x.GetUpper().AsSingle())).As<float, T>();

    /// <summary>ln x on a 512-bit vector, as two 256-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log<T>(Vector512<T> x) where T : unmanaged => typeof(T) == typeof(double)
        ? Vector512.Create(Log(x.GetLower().AsDouble()), Log(x.GetUpper().AsDouble())).As<double, T>()
        : Vector512.Create(Log(x.GetLower().AsSingle()), Log(x.GetUpper().AsSingle())).As<float, T>();

    /// <summary>e^x = 2^n e^r with n = round(x / ln 2) and |r| &lt;= ln 2 / 2; e^r by its Taylor series to r^13 (the
    /// first term left out is below 5e-18). 2^n is applied as 2^(n - n/2) 2^(n/2), so that results in the subnormal
    /// range round once and e^709.78 (n = 1024) is still finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        // Beyond these e^x is 0 or +inf (and they keep n within the two-factor scaling); NaN passes (compares are false).
        var c = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-746.0)), Vector256.Create(-746.0), x);
        c = Vector256.ConditionalSelect(Vector256.GreaterThan(c, Vector256.Create(710.0)), Vector256.Create(710.0), c);
        // n rounded to nearest by adding 1.5 * 2^52: n then sits in the low bits of the sum.
        var shifter = Vector256.Create(6755399441055744.0);
        var sum = Vector256.FusedMultiplyAdd(c, Vector256.Create(InvLn2), shifter);
        var n = sum - shifter;
        var r = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2), c);
        r = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2Tail), r);
        var p = Vector256.Create(1.0 / 6227020800);   // 1/13!
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 479001600));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 39916800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 3628800));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 362880));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 40320));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 5040));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.0 / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<double>.One);
        // n as an integer; half = floor(n / 2) by a logical shift of n + 2048 (no 64-bit arithmetic shift before AVX-512).
        var k = sum.AsInt64() - shifter.AsInt64();
        var half = Vector256.ShiftRightLogical(k + Vector256.Create(2048L), 1) - Vector256.Create(1024L);
        var scaleHalf = Vector256.ShiftLeft(half + Vector256.Create(1023L), 52).AsDouble();
        var scaleRest = Vector256.ShiftLeft(k - half + Vector256.Create(1023L), 52).AsDouble();
        return p * scaleRest * scaleHalf;
    }

    /// <summary>e^x for float, the same way in float: Taylor to r^7 (the first term left out is below 1e-8), n from
    /// 1.5 * 2^23.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var c = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(-104f)), Vector256.Create(-104f), x);
        c = Vector256.ConditionalSelect(Vector256.GreaterThan(c, Vector256.Create(89f)), Vector256.Create(89f), c);
        var shifter = Vector256.Create(12582912f);
        var sum = Vector256.FusedMultiplyAdd(c, Vector256.Create(InvLn2F), shifter);
        var n = sum - shifter;
        var r = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2F), c);
        r = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2TailF), r);
        var p = Vector256.Create(1f / 5040);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        var k = sum.AsInt32() - shifter.AsInt32();
        var half = Vector256.ShiftRightLogical(k + Vector256.Create(256), 1) - Vector256.Create(128);
        var scaleHalf = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        var scaleRest = Vector256.ShiftLeft(k - half + Vector256.Create(127), 23).AsSingle();
        return p * scaleRest * scaleHalf;
    }

    /// <summary>ln x = e ln 2 + ln(1 + f) for x = 2^e (1 + f), 1 + f in [sqrt(1/2), sqrt 2). With s = f / (2 + f),
    /// ln(1 + f) = 2 atanh s = f - f^2/2 + s (f^2/2 + R), R = sum_k 2 s^(2k) / (2k + 1), summed to k = 11 (|s| &lt;= 0.172;
    /// the first term left out is below 1e-19). f is exact, so the correction carries all the rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        // Subnormals are scaled into the normal range first.
        var subnormal = Vector256.LessThan(x, Vector256.Create(2.2250738585072014e-308));
        var xs = Vector256.ConditionalSelect(subnormal, x * Vector256.Create(4503599627370496.0), x);
        var bits = xs.AsUInt64();
        // The biased exponent (0..2047) as a double, by placing it in the mantissa of 2^52.
        var biased = (Vector256.ShiftRightLogical(bits, 52) | Vector256.Create(0x4330000000000000UL)).AsDouble();
        var e = biased - Vector256.Create(4503599627370496.0 + 1023) - (Vector256.Create(52.0) & subnormal);
        var m = ((bits & Vector256.Create(0x000FFFFFFFFFFFFFUL)) | Vector256.Create(0x3FF0000000000000UL)).AsDouble();
        var above = Vector256.GreaterThan(m, Vector256.Create(1.4142135623730951));
        m = Vector256.ConditionalSelect(above, m * Vector256.Create(0.5), m);
        e += Vector256<double>.One & above;
        var f = m - Vector256<double>.One;
        var s = f / (Vector256.Create(2.0) + f);
        var z = s * s;
        var q = Vector256.Create(2.0 / 23);
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 21));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 19));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 17));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 15));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 13));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 11));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 9));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 7));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 5));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2.0 / 3));
        var halfSquare = Vector256.Create(0.5) * f * f;
        var correction = Vector256.FusedMultiplyAdd(s, Vector256.FusedMultiplyAdd(z, q, halfSquare), e * Vector256.Create(Ln2Tail));
        var result = Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2), f - (halfSquare - correction));
        return Special(x, result);
    }

    /// <summary>ln x for float, the same way in float, R summed to k = 5 (the first term left out is below 2e-11).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        var subnormal = Vector256.LessThan(x, Vector256.Create(1.17549435e-38f));
        var xs = Vector256.ConditionalSelect(subnormal, x * Vector256.Create(8388608f), x);
        var bits = xs.AsUInt32();
        var biased = (Vector256.ShiftRightLogical(bits, 23) | Vector256.Create(0x4B000000U)).AsSingle();
        var e = biased - Vector256.Create(8388608f + 127) - (Vector256.Create(23f) & subnormal);
        var m = ((bits & Vector256.Create(0x007FFFFFU)) | Vector256.Create(0x3F800000U)).AsSingle();
        var above = Vector256.GreaterThan(m, Vector256.Create(1.41421356f));
        m = Vector256.ConditionalSelect(above, m * Vector256.Create(0.5f), m);
        e += Vector256<float>.One & above;
        var f = m - Vector256<float>.One;
        var s = f / (Vector256.Create(2f) + f);
        var z = s * s;
        var q = Vector256.Create(2f / 11);
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2f / 9));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2f / 7));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2f / 5));
        q = Vector256.FusedMultiplyAdd(q, z, Vector256.Create(2f / 3));
        var halfSquare = Vector256.Create(0.5f) * f * f;
        var correction = Vector256.FusedMultiplyAdd(s, Vector256.FusedMultiplyAdd(z, q, halfSquare), e * Vector256.Create(Ln2TailF));
        var result = Vector256.FusedMultiplyAdd(e, Vector256.Create(Ln2F), f - (halfSquare - correction));
        return Special(x, result);
    }

    /// <summary>ln of ±0 is -inf, of +inf is +inf, of a negative number or NaN is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Special<T>(Vector256<T> x, Vector256<T> result) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<T>.Zero), Vector256.Create(T.NegativeInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(T.PositiveInfinity)), x, result);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<T>.Zero), result, Vector256.Create(T.NaN));
    }
}
