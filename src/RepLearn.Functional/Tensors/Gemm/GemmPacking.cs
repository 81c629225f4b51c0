using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// Copies blocks of op(A) and op(B) into the micro-kernels' layout: A in MR-row slivers and B in NR-column
/// slivers, each p-major (the kc values a k step needs are adjacent) and zero-padded at the ragged edge,
/// so the kernel streams contiguous memory whatever the transposes.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Rows of a row-major B requested this far ahead while packing (the rows sit n elements apart, past what the
    /// hardware prefetcher follows): at 128x784x400 float64 the stopwatch median rose in 6 of 6 paired runs (+5-20%).
    /// </summary>
    private const int PrefetchRows = 8;

    /// <summary>
    /// Packs op(A)[i0 : i0 + mc, p0 : p0 + kc] (op(A) is m x k; A is stored m x k, or k x m when
    /// <paramref name="transA"/>) into ceil(mc / mr) slivers of kc x mr.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void A<T>(T* a, bool transA, int m, int k, int i0, int mc, int p0, int kc, int mr, T* packed) where T : unmanaged
    {
        for (var ir = 0; ir < mc; ir += mr, packed += (nint)mr * kc)
        {
            var rows = Math.Min(mr, mc - ir);
            // Stored k x m, row p holds the sliver's values for step p; stored m x k, row i holds one row's kc values.
            if (transA) Steps(a + (nint)p0 * m + i0 + ir, m, rows, kc, mr, packed);
            else Lines(a + (nint)(i0 + ir) * k + p0, k, rows, kc, mr, packed);
        }
    }

    /// <summary>
    /// Packs op(B)[p0 : p0 + kc, j0 : j0 + nc] (op(B) is k x n; B is stored k x n, or n x k when
    /// <paramref name="transB"/>) into ceil(nc / nr) slivers of kc x nr.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void B<T>(T* b, bool transB, int k, int n, int p0, int kc, int j0, int nc, int nr, T* packed) where T : unmanaged
    {
        if (!transB)
        {
            // Stored k x n: each step's row is read once across all the slivers (consecutive cache lines, which the
            // prefetcher follows), not down one sliver's column of rows at a time (a line per row, a page apart).
            for (var p = 0; p < kc; p++)
            {
                if (Sse.IsSupported && p + PrefetchRows < kc)
                {
                    var ahead = (byte*)(b + (nint)(p0 + p + PrefetchRows) * n + j0);
                    for (nint line = 0; line < (nint)nc * sizeof(T); line += 64) Sse.Prefetch0(ahead + line);
                }
                for (var jr = 0; jr < nc; jr += nr)
                    Steps(b + (nint)(p0 + p) * n + j0 + jr, n, Math.Min(nr, nc - jr), 1, nr, packed + (nint)jr * kc + (nint)p * nr);
            }
            return;
        }
        for (var jr = 0; jr < nc; jr += nr, packed += (nint)nr * kc)
        {
            var cols = Math.Min(nr, nc - jr);
            // Stored n x k, row j holds one column's kc values; stored k x n, row p holds the sliver's values for step p.
            if (transB) Lines(b + (nint)(j0 + jr) * k + p0, k, cols, kc, nr, packed);
            else Steps(b + (nint)p0 * n + j0 + jr, n, cols, kc, nr, packed);
        }
    }

    /// <summary>
    /// A kc x width sliver from a source whose row p (at <paramref name="source"/> + p * <paramref name="stride"/>) holds
    /// the sliver's first <paramref name="count"/> values for step p: one contiguous copy per step, the rest zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Steps<T>(T* source, nint stride, int count, int kc, int width, T* packed) where T : unmanaged
    {
        // A full sliver row is a few vectors (8 doubles or 16 floats on AVX2): copied by vector loads and stores, not a
        // memmove call per row (which cost as much as the copy).
        var vectors = count == width && width % Vector<T>.Count == 0 ? width / Vector<T>.Count : 0;
        for (var p = 0; p < kc; p++, source += stride)
        {
            var dst = packed + (nint)p * width;
            if (vectors > 0)
            {
                for (var v = 0; v < vectors; v++)
                    Unsafe.WriteUnaligned(dst + v * Vector<T>.Count, Unsafe.ReadUnaligned<Vector<T>>(source + v * Vector<T>.Count));
                continue;
            }
            for (var j = 0; j < count; j++) dst[j] = source[j];
            for (var j = count; j < width; j++) dst[j] = default;
        }
    }

    /// <summary>
    /// A kc x width sliver from a source whose row l (at <paramref name="source"/> + l * <paramref name="stride"/>) holds
    /// the kc values of the sliver's line l, for the first <paramref name="count"/> lines: each copied down its column,
    /// the other columns zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lines<T>(T* source, nint stride, int count, int kc, int width, T* packed) where T : unmanaged
    {
        var l = 0;
        // Four lines at a time: four p steps of four lines are read as four vectors and transposed in registers, so
        // each store writes one step's four adjacent values; the scalar loop takes what is left.
        for (; l + 4 <= count; l += 4, source += 4 * stride)
        {
            T* s0 = source, s1 = source + stride, s2 = source + 2 * stride, s3 = source + 3 * stride;
            var dst = packed + l;
            var p = 0;
            if (typeof(T) == typeof(double) && Avx.IsSupported)
                for (; p + 4 <= kc; p += 4, dst += 4 * width)
                    Transpose4((double*)s0 + p, (double*)s1 + p, (double*)s2 + p, (double*)s3 + p, (double*)dst, width);
            else if (typeof(T) == typeof(float) && Sse.IsSupported)
                for (; p + 4 <= kc; p += 4, dst += 4 * width)
                    Transpose4((float*)s0 + p, (float*)s1 + p, (float*)s2 + p, (float*)s3 + p, (float*)dst, width);
            for (; p < kc; p++, dst += width)
            {
                dst[0] = s0[p];
                dst[1] = s1[p];
                dst[2] = s2[p];
                dst[3] = s3[p];
            }
        }
        for (; l < count; l++, source += stride)
        {
            var dst = packed + l;
            for (var p = 0; p < kc; p++, dst += width) *dst = source[p];
        }
        for (l = count; l < width; l++)
            for (var p = 0; p < kc; p++) packed[(nint)p * width + l] = default;
    }

    /// <summary>dst[j * width + i] = s_i[j] for i, j in 0..3: four doubles from each of four lines, transposed (AVX).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(double* s0, double* s1, double* s2, double* s3, double* dst, int width)
    {
        Vector256<double> r0 = Avx.LoadVector256(s0), r1 = Avx.LoadVector256(s1), r2 = Avx.LoadVector256(s2), r3 = Avx.LoadVector256(s3);
        var t0 = Avx.UnpackLow(r0, r1);  // s0[0] s1[0] s0[2] s1[2]
        var t1 = Avx.UnpackHigh(r0, r1); // s0[1] s1[1] s0[3] s1[3]
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + width, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * width, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * width, Avx.Permute2x128(t1, t3, 0x31));
    }

    /// <summary>dst[j * width + i] = s_i[j] for i, j in 0..3: four floats from each of four lines, transposed (SSE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(float* s0, float* s1, float* s2, float* s3, float* dst, int width)
    {
        Vector128<float> r0 = Sse.LoadVector128(s0), r1 = Sse.LoadVector128(s1), r2 = Sse.LoadVector128(s2), r3 = Sse.LoadVector128(s3);
        var t0 = Sse.UnpackLow(r0, r1);  // s0[0] s1[0] s0[1] s1[1]
        var t1 = Sse.UnpackHigh(r0, r1); // s0[2] s1[2] s0[3] s1[3]
        var t2 = Sse.UnpackLow(r2, r3);
        var t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(dst, Sse.MoveLowToHigh(t0, t2));
        Sse.Store(dst + width, Sse.MoveHighToLow(t2, t0));
        Sse.Store(dst + 2 * width, Sse.MoveLowToHigh(t1, t3));
        Sse.Store(dst + 3 * width, Sse.MoveHighToLow(t3, t1));
    }
}
