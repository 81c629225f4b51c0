using System.Numerics;
using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RepLearn.Functional.Tensors;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Primitives;

/// <summary>A product shape op(A) m x k times op(B) k x n, the transposes, and a seed for the values.</summary>
public sealed record GemmShape(int M, int K, int N, bool TransA, bool TransB, int Seed)
{
    /// <inheritdoc />
    public override string ToString() => $"{M}x{K}x{N}{(TransA ? " A^T" : "")}{(TransB ? " B^T" : "")} seed {Seed}";
}

/// <summary>Generators for <see cref="GemmShape"/>.</summary>
public static class GemmShapes
{
    /// <summary>Largest odd-shape dimension: past one 6 x 16 tile several times over, below one 256 KC block.</summary>
    public const int MaxDim = 67;

    /// <summary>Dimensions 1 to 67, and 0 (an empty product) one time in ten.</summary>
    private static Gen<int> Dim => Gen.Frequency((1, Gen.Constant(0)), (9, Gen.Choose(1, MaxDim)));

    private static Gen<GemmShape> Shape(Gen<int> m, Gen<int> k, Gen<int> n) =>
        from mm in m
        from kk in k
        from nn in n
        from ta in Gen.Elements(false, true)
        from tb in Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue)
        select new GemmShape(mm, kk, nn, ta, tb, seed);

    /// <summary>Arbitrary for <see cref="GemmShape"/>: every m, k, n in 0..67, both transposes.</summary>
    public static Arbitrary<GemmShape> GemmShape() => Arb.From(Shape(Dim, Dim, Dim));

    /// <summary>Shapes past the 4e6 multiply-add threshold where products go parallel, odd-sized.</summary>
    public static Gen<GemmShape> Parallel => Shape(Gen.Choose(151, 251), Gen.Choose(181, 601), Gen.Choose(151, 251));
}

/// <summary>
/// Every GEMM kernel this machine can run (the selected ISAs and, reached directly, the 32-register
/// ARM tile, which also runs on x64, and the AVX-512 tile, emulated where not accelerated), in double
/// and float, for A.B, A^T.B, A.B^T and A^T.B^T, equals a naive triple loop on odd shapes. Tolerance: the blocked sum reorders the k terms (fused chains of up
/// to 256, then one add per block), and each order's error is at most k u sum_p |a_ip b_pj| (u = eps / 2);
/// so two orders differ by at most k eps sum |a b|. The naive reference runs in double for both precisions.
/// </summary>
[Properties(Arbitrary = [typeof(GemmShapes)], MaxTest = Seeds.MaxTest, Replay = Seeds.Replay)]
public class GemmKernelProperties
{
    /// <summary>A named way to run C = op(A) op(B) with a given number of threads.</summary>
    public sealed record Path<T>(string Name, Action<T[], bool, T[], bool, T[], int, int, int, int> Run) where T : unmanaged;

    /// <summary>The kernels this machine runs, by ISA, and the ARM and AVX-512 tiles directly.</summary>
    public static IEnumerable<Path<T>> Paths<T>() where T : unmanaged
    {
        foreach (var isa in GemmIsaSelection.Supported)
            yield return new(GemmIsaSelection.Name(isa), (a, ta, b, tb, c, m, k, n, threads) => Gemm.MultiplyInto<T>(a, ta, b, tb, c, m, k, n, isa, threads));
        if (GemmIsaSelection.IsSupported(GemmIsa.Vector128))
            yield return new("vector128 32-register tile", (a, ta, b, tb, c, m, k, n, threads) => Gemm.MultiplyInto<T, GemmKernel<T, Tile8x3<T, Vector128<T>, GemmVectors<T>>>>(a, ta, b, tb, c, m, k, n, threads));
        // Where AVX-512 is not accelerated, its 12 x 2 tile still runs on .NET's software Vector512: slowly, but with the same bits.
        if (!GemmIsaSelection.IsSupported(GemmIsa.Avx512))
            yield return new("avx512 12 x 2 tile, emulated", (a, ta, b, tb, c, m, k, n, threads) => Gemm.MultiplyInto<T, GemmKernel<T, Tile12x2<T, Vector512<T>, GemmVectors<T>>>>(a, ta, b, tb, c, m, k, n, threads));
    }

    /// <summary>Values in [-1, 1) from the seed, in double; the float operands are these rounded.</summary>
    private static double[] Values(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (var i = 0; i < length; i++) values[i] = 2 * random.NextDouble() - 1;
        return values;
    }

    private static void MatchesNaive<T>(GemmShape s, T epsilon) where T : unmanaged, IFloatingPoint<T>
    {
        var (m, k, n) = (s.M, s.K, s.N);
        var a = Values(m * k, s.Seed).Select(T.CreateChecked).ToArray();
        var b = Values(k * n, s.Seed ^ 0x5bd1e995).Select(T.CreateChecked).ToArray();
        var expected = new double[m * n];
        var magnitude = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                for (var p = 0; p < k; p++)
                {
                    var x = double.CreateChecked(s.TransA ? a[p * m + i] : a[i * k + p]);
                    var y = double.CreateChecked(s.TransB ? b[j * k + p] : b[p * n + j]);
                    expected[i * n + j] += x * y;
                    magnitude[i * n + j] += Math.Abs(x * y);
                }
        var bound = k * double.CreateChecked(epsilon);
        foreach (var path in Paths<T>())
        {
            var c = Enumerable.Repeat(T.One, m * n).ToArray(); // not zero: the product must overwrite it
            path.Run(a, s.TransA, b, s.TransB, c, m, k, n, 1);
            for (var i = 0; i < m * n; i++)
            {
                var error = Math.Abs(double.CreateChecked(c[i]) - expected[i]);
                Assert.True(error <= bound * magnitude[i],
                    $"{path.Name} {typeof(T).Name} {s}: C[{i / n},{i % n}] = {c[i]}, naive {expected[i]:R}, error {error:G3} > k eps sum|ab| = {bound * magnitude[i]:G3}");
            }
        }
    }

    /// <summary>Double: within k eps sum |a b| of the naive product, on every path.</summary>
    [Property]
    public void DoubleKernelsMatchTheNaiveProduct(GemmShape s) => MatchesNaive(s, Math.BitIncrement(1.0) - 1.0);

    /// <summary>Float: within k eps_float sum |a b| of the exact (double) product, on every path.</summary>
    [Property]
    public void FloatKernelsMatchTheNaiveProduct(GemmShape s) => MatchesNaive(s, MathF.BitIncrement(1f) - 1f);

    private static void SameBitsEverywhere<T>(GemmShape s, int[] threadCounts) where T : unmanaged, IFloatingPoint<T>
    {
        var a = Values(s.M * s.K, s.Seed).Select(T.CreateChecked).ToArray();
        var b = Values(s.K * s.N, s.Seed ^ 0x5bd1e995).Select(T.CreateChecked).ToArray();
        var reference = new T[s.M * s.N];
        Gemm.MultiplyInto<T>(a, s.TransA, b, s.TransB, reference, s.M, s.K, s.N, GemmIsa.Scalar, 1);
        foreach (var path in Paths<T>())
            foreach (var threads in threadCounts)
            {
                var c = new T[s.M * s.N];
                path.Run(a, s.TransA, b, s.TransB, c, s.M, s.K, s.N, threads);
                Assert.True(c.AsSpan().SequenceEqual(reference), $"{path.Name} {typeof(T).Name} {s} with {threads} threads differs from scalar on 1 thread");
            }
    }

    /// <summary>
    /// Every path sums each element's terms in the same order (one fused chain per KC block, blocks in
    /// order), so all give the scalar kernel's bits: results do not depend on the CPU.
    /// </summary>
    [Property]
    public void EveryPathGivesTheSameBits(GemmShape s)
    {
        SameBitsEverywhere<double>(s, [1]);
        SameBitsEverywhere<float>(s, [1]);
    }

    /// <summary>
    /// Past the parallel threshold, 1, 2, 3 and 4 threads (the columns split differently each time) give
    /// the same bits as one thread of the scalar kernel. Fewer cases: each is a product of 4e6 to 4e7 terms.
    /// </summary>
    [Property(MaxTest = 6)]
    public Property ThreadCountDoesNotChangeTheBits() =>
        Prop.ForAll(GemmShapes.Parallel.ToArbitrary(), s =>
        {
            SameBitsEverywhere<double>(s, [1, 2, 3, 4]);
            SameBitsEverywhere<float>(s, [1, 2, 3, 4]);
        });
}
