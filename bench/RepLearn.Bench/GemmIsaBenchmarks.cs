using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RepLearn.Functional.Tensors;

namespace RepLearn.Bench;

/// <summary>
/// C = A B on the selected GEMM path (REPLEARN_GEMM_ISA forces one) at the shapes, 128x784x400
/// (examples/vae's layer) and 1024^3, in float64 and float32, into a preallocated C so only the product is
/// timed, beside OpenBLAS's cblas_dgemm / cblas_sgemm on the same arrays in the same run (the baseline of each dtype,
/// so the Ratio column is our time over OpenBLAS's; its rows fail with a note when the system has no OpenBLAS). The
/// GFLOP/s column is 2 m k n / mean. One core: bash bench/gemm_benchmarkdotnet.sh.
/// </summary>
[Config(typeof(GflopsConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class GemmPathBenchmarks
{
    private double[] a64 = null!, b64 = null!, c64 = null!;
    private float[] a32 = null!, b32 = null!, c32 = null!;

    /// <summary>m x k x n.</summary>
    [Params("128x784x400", "1024x1024x1024")]
    public string Shape { get; set; } = "";

    private (int M, int K, int N) Dims => Shape.Split('x').Select(int.Parse).ToArray() is [var m, var k, var n] ? (m, k, n) : default;

    [GlobalSetup]
    public void Setup()
    {
        var (m, k, n) = Dims;
        var random = new Random(1);
        a64 = Enumerable.Range(0, m * k).Select(_ => random.NextDouble() - 0.5).ToArray();
        b64 = Enumerable.Range(0, k * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        (a32, b32) = (a64.Select(x => (float)x).ToArray(), b64.Select(x => (float)x).ToArray());
        (c64, c32) = (new double[m * n], new float[m * n]);
    }

    [Benchmark, BenchmarkCategory("float64")]
    public void Float64()
    {
        var (m, k, n) = Dims;
        Gemm.MultiplyInto<double>(a64, false, b64, false, c64, m, k, n, GemmIsaSelection.Current, Gemm.MaxThreads);
    }

    [Benchmark, BenchmarkCategory("float32")]
    public void Float32()
    {
        var (m, k, n) = Dims;
        Gemm.MultiplyInto<float>(a32, false, b32, false, c32, m, k, n, GemmIsaSelection.Current, Gemm.MaxThreads);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("float64")]
    public unsafe void OpenBlasFloat64()
    {
        var (m, k, n) = Dims;
        fixed (double* a = a64, b = b64, c = c64)
            OpenBlas.Dgemm(OpenBlas.RowMajor, OpenBlas.NoTrans, OpenBlas.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("float32")]
    public unsafe void OpenBlasFloat32()
    {
        var (m, k, n) = Dims;
        fixed (float* a = a32, b = b32, c = c32)
            OpenBlas.Sgemm(OpenBlas.RowMajor, OpenBlas.NoTrans, OpenBlas.NoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
    }

    /// <summary>Adds the GFLOP/s column.</summary>
    private sealed class GflopsConfig : ManualConfig
    {
        public GflopsConfig() => AddColumn(new GflopsColumn());
    }

    /// <summary>2 m k n / mean time, from the Shape parameter.</summary>
    private sealed class GflopsColumn : IColumn
    {
        public string Id => "GFLOPs";
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "2 m k n / mean, in 1e9 floating-point operations per second";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var shape = (string)benchmarkCase.Parameters["Shape"];
            var dims = shape.Split('x').Select(double.Parse).ToArray();
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean; // nanoseconds
            return mean is { } ns ? (2 * dims[0] * dims[1] * dims[2] / ns).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }
    }
}
