using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// General matrix multiply C = op(A) op(B) on row-major buffers, op = identity or transpose, in double or
/// float. The kernel is chosen once per process (<see cref="GemmIsaSelection"/>: AVX-512, AVX2 + FMA,
/// 128-bit vectors or scalar; REPLEARN_GEMM_ISA forces one) and run by <see cref="GemmDriver{T, TKernel}"/>.
/// Every path sums each element's k terms in the same order (a fused multiply-add chain per block of
/// <see cref="GemmBlocking.MaxKC"/>, blocks in order), so results are the same bits on every path, every
/// machine and every thread count.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>
    /// Cores a large product may use: the REPLEARN_NUM_THREADS environment variable if set (read once,
    /// like OMP_NUM_THREADS), else all of them.
    /// </summary>
    internal static readonly int MaxThreads =
        int.TryParse(Environment.GetEnvironmentVariable("REPLEARN_NUM_THREADS"), out var t) && t >= 1 ? t : Environment.ProcessorCount;

    /// <summary>
    /// Returns the m x n buffer op(A) op(B), where op(A) is m x k and op(B) is k x n.
    /// A is stored m x k (or k x m when <paramref name="transA"/>), B is k x n (or n x k).
    /// </summary>
    public static double[] Multiply(double[] a, bool transA, double[] b, bool transB, int m, int k, int n) =>
        Multiply<double>(a, transA, b, transB, m, k, n);

    /// <inheritdoc cref="Multiply(double[], bool, double[], bool, int, int, int)"/>
    public static float[] Multiply(float[] a, bool transA, float[] b, bool transB, int m, int k, int n) =>
        Multiply<float>(a, transA, b, transB, m, k, n);

    /// <summary>The product as a new array, on the selected path with up to <see cref="MaxThreads"/> threads.</summary>
    public static T[] Multiply<T>(ReadOnlySpan<T> a, bool transA, ReadOnlySpan<T> b, bool transB, int m, int k, int n) where T : unmanaged
    {
        var c = new T[checked(m * n)];
        MultiplyInto(a, transA, b, transB, c, m, k, n, GemmIsaSelection.Current, MaxThreads);
        return c;
    }

    /// <summary>
    /// Writes op(A) op(B) into <paramref name="c"/> (m x n, overwritten) with the <paramref name="isa"/>
    /// kernel and up to <paramref name="threads"/> threads: the entry tests use to run every path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyInto<T>(ReadOnlySpan<T> a, bool transA, ReadOnlySpan<T> b, bool transB, Span<T> c,
        int m, int k, int n, GemmIsa isa, int threads) where T : unmanaged
    {
        if (!GemmIsaSelection.IsSupported(isa))
            throw new PlatformNotSupportedException($"This CPU cannot run the {GemmIsaSelection.Name(isa)} GEMM kernel.");
        switch (isa)
        {
            case GemmIsa.Avx512: MultiplyInto<T, GemmKernel<T, Tile12x2<T, Vector512<T>, GemmVectors<T>>>>(a, transA, b, transB, c, m, k, n, threads); break;
            case GemmIsa.Avx2: MultiplyInto<T, GemmKernel<T, Tile6x2<T, Vector256<T>, GemmVectors<T>>>>(a, transA, b, transB, c, m, k, n, threads); break;
            // ARM64 has 32 vector registers, room for the larger tile.
            case GemmIsa.Vector128 when AdvSimd.Arm64.IsSupported:
                MultiplyInto<T, GemmKernel<T, Tile8x3<T, Vector128<T>, GemmVectors<T>>>>(a, transA, b, transB, c, m, k, n, threads); break;
            case GemmIsa.Vector128: MultiplyInto<T, GemmKernel<T, Tile6x2<T, Vector128<T>, GemmVectors<T>>>>(a, transA, b, transB, c, m, k, n, threads); break;
            default: MultiplyInto<T, ScalarKernel<T>>(a, transA, b, transB, c, m, k, n, threads); break;
        }
    }

    /// <summary>
    /// <see cref="MultiplyInto{T}(ReadOnlySpan{T}, bool, ReadOnlySpan{T}, bool, Span{T}, int, int, int, GemmIsa, int)"/>
    /// with a given micro-kernel, so tests also reach tiles the selection would not pick on this CPU (the
    /// ARM tile on x64). The caller makes sure the CPU runs <typeparamref name="TKernel"/>'s instructions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyInto<T, TKernel>(ReadOnlySpan<T> a, bool transA, ReadOnlySpan<T> b, bool transB, Span<T> c,
        int m, int k, int n, int threads) where T : unmanaged where TKernel : struct, IGemmKernel<T>
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
            throw new NotSupportedException($"Gemm multiplies double or float, not {typeof(T).Name}.");
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        // The kernels run on raw pointers: check the extents once here instead of per element.
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
            throw new ArgumentException(
                $"Gemm of {m}x{k} by {k}x{n} needs A >= {(long)m * k}, B >= {(long)k * n}, C >= {(long)m * n} elements; got {a.Length}, {b.Length}, {c.Length}.");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            c[..(m * n)].Clear();   // an empty sum; otherwise the first KC block writes every element
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
            GemmDriver<T, TKernel>.Multiply(pa, transA, pb, transB, pc, m, k, n, threads);
    }
}
