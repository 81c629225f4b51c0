using System.Diagnostics;
using RepLearn.Functional.Tensors;

namespace RepLearn.Bench;

/// <summary>
/// Stopwatch GFLOP/s of the GEMM alone (A.B, no autodiff) at the shapes, both precisions, on the
/// selected path: the figures bench/gemm_vs_openblas.sh sets beside OpenBLAS's. Median of repeated runs.
/// </summary>
public static class GemmQuick
{
    public static readonly (int M, int K, int N)[] Shapes = [(128, 784, 400), (1024, 1024, 1024)];

    /// <summary>Every shape, or only <paramref name="shape"/> ("128x784x400") when given.</summary>
    public static void Run(string? shape = null)
    {
        Console.WriteLine($"gemm path {GemmIsaSelection.Name(GemmIsaSelection.Current)}, threads {Gemm.MaxThreads}, caches L1 {CacheSizes.L1 >> 10} KiB, L2 {CacheSizes.L2 >> 10} KiB, L3 {CacheSizes.L3 >> 10} KiB");
        foreach (var (m, k, n) in Shapes.Where(s => shape is null || $"{s.M}x{s.K}x{s.N}" == shape))
        {
            Report("float64", m, k, n, Time<double>(m, k, n));
            Report("float32", m, k, n, Time<float>(m, k, n));
        }
    }

    private static void Report(string dtype, int m, int k, int n, (double Median, double Best, double Cpu) t)
    {
        var flop = 2.0 * m * k * n / 1e9;
        Console.WriteLine($"RESULT ours {dtype} {m}x{k}x{n} {flop / t.Median:F1} GFLOP/s median, {flop / t.Best:F1} best, {flop / t.Cpu:F1} per CPU-second (median {t.Median * 1e3:F3} ms)");
    }

    /// <summary>
    /// Median and best wall seconds of C = A B over about two seconds of repeats, after warm-up, and the mean
    /// process CPU seconds per product (less sensitive to other processes on a shared machine).
    /// </summary>
    private static (double Median, double Best, double Cpu) Time<T>(int m, int k, int n) where T : unmanaged
    {
        var a = Fill<T>(m * k, 1);
        var b = Fill<T>(k * n, 2);
        var c = new T[m * n];
        var isa = GemmIsaSelection.Current;
        for (var i = 0; i < 3; i++) Gemm.MultiplyInto<T>(a, false, b, false, c, m, k, n, isa, Gemm.MaxThreads);
        var once = Stopwatch.StartNew();
        Gemm.MultiplyInto<T>(a, false, b, false, c, m, k, n, isa, Gemm.MaxThreads);
        var repeats = Math.Clamp((int)(2.0 / Math.Max(once.Elapsed.TotalSeconds, 1e-6)), 5, 500);
        var times = new double[repeats];
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            Gemm.MultiplyInto<T>(a, false, b, false, c, m, k, n, isa, Gemm.MaxThreads);
            times[i] = sw.Elapsed.TotalSeconds;
        }
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds / repeats;
        Array.Sort(times);
        return (times[repeats / 2], times[0], cpu);
    }

    private static T[] Fill<T>(int length, int seed) where T : unmanaged
    {
        var random = new Random(seed);
        var values = new T[length];
        for (var i = 0; i < length; i++)
            values[i] = typeof(T) == typeof(double) ? (T)(object)(random.NextDouble() - 0.5) : (T)(object)(float)(random.NextDouble() - 0.5);
        return values;
    }
}
