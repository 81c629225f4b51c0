using System.Runtime.Intrinsics;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// <see cref="IGemmVector{T, TVector}"/> for the 128-, 256- and 512-bit vectors of double or float, one operation at a
/// time across the widths.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
internal readonly unsafe struct GemmVectors<T> : IGemmVector<T, Vector128<T>>, IGemmVector<T, Vector256<T>>, IGemmVector<T, Vector512<T>>
    where T : unmanaged
{
    static int IGemmVector<T, Vector128<T>>.Count => Vector128<T>.Count;
    static int IGemmVector<T, Vector256<T>>.Count => Vector256<T>.Count;
    static int IGemmVector<T, Vector512<T>>.Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector128<T> IGemmVector<T, Vector128<T>>.Load(T* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<T> IGemmVector<T, Vector256<T>>.Load(T* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<T> IGemmVector<T, Vector512<T>>.Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector128<T> IGemmVector<T, Vector128<T>>.Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<T> IGemmVector<T, Vector256<T>>.Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<T> IGemmVector<T, Vector512<T>>.Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector128<T> IGemmVector<T, Vector128<T>>.MultiplyAdd(Vector128<T> x, Vector128<T> y, Vector128<T> acc) => GemmFma.Of(x, y, acc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<T> IGemmVector<T, Vector256<T>>.MultiplyAdd(Vector256<T> x, Vector256<T> y, Vector256<T> acc) => GemmFma.Of(x, y, acc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<T> IGemmVector<T, Vector512<T>>.MultiplyAdd(Vector512<T> x, Vector512<T> y, Vector512<T> acc) => GemmFma.Of(x, y, acc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void IGemmVector<T, Vector128<T>>.AddTo(T* target, Vector128<T> value) => (Vector128.Load(target) + value).Store(target);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void IGemmVector<T, Vector256<T>>.AddTo(T* target, Vector256<T> value) => (Vector256.Load(target) + value).Store(target);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void IGemmVector<T, Vector512<T>>.AddTo(T* target, Vector512<T> value) => (Vector512.Load(target) + value).Store(target);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void IGemmVector<T, Vector128<T>>.Store(T* target, Vector128<T> value) => value.Store(target);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void IGemmVector<T, Vector256<T>>.Store(T* target, Vector256<T> value) => value.Store(target);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void IGemmVector<T, Vector512<T>>.Store(T* target, Vector512<T> value) => value.Store(target);
}
