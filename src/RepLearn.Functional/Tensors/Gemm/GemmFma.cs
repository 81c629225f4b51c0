using System.Runtime.Intrinsics;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// Fused multiply-add x * y + acc (one rounding) for double or float at each vector width, so a kernel is
/// written once for both precisions; the type test is a JIT-time constant and disappears.
/// </summary>
internal static class GemmFma
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Scalar<T>(T x, T y, T acc) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            var r = Math.FusedMultiplyAdd(Unsafe.As<T, double>(ref x), Unsafe.As<T, double>(ref y), Unsafe.As<T, double>(ref acc));
            return Unsafe.As<double, T>(ref r);
        }
        var f = MathF.FusedMultiplyAdd(Unsafe.As<T, float>(ref x), Unsafe.As<T, float>(ref y), Unsafe.As<T, float>(ref acc));
        return Unsafe.As<float, T>(ref f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add<T>(T x, T y) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            var r = Unsafe.As<T, double>(ref x) + Unsafe.As<T, double>(ref y);
            return Unsafe.As<double, T>(ref r);
        }
        var f = Unsafe.As<T, float>(ref x) + Unsafe.As<T, float>(ref y);
        return Unsafe.As<float, T>(ref f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Of<T>(Vector128<T> x, Vector128<T> y, Vector128<T> acc) where T : unmanaged =>
        typeof(T) == typeof(double)
            ? Vector128.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>()
            : Vector128.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Of<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc) where T : unmanaged =>
        typeof(T) == typeof(double)
            ? Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>()
            : Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Of<T>(Vector512<T> x, Vector512<T> y, Vector512<T> acc) where T : unmanaged =>
        typeof(T) == typeof(double)
            ? Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>()
            : Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
}
