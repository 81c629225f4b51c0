using System.Runtime.InteropServices;

namespace RepLearn.Bench;

/// <summary>
/// The system OpenBLAS's CBLAS GEMM, the reference the GEMM benchmarks compare with (bench only: the library itself
/// calls no native code). Debian: apt-get install -y libopenblas0-pthread. Its threads follow OPENBLAS_NUM_THREADS.
/// </summary>
internal static unsafe partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";

    public const int RowMajor = 101, NoTrans = 111;

    [LibraryImport(Library, EntryPoint = "cblas_dgemm")]
    public static partial void Dgemm(int layout, int transA, int transB, int m, int n, int k, double alpha, double* a, int lda,
        double* b, int ldb, double beta, double* c, int ldc);

    [LibraryImport(Library, EntryPoint = "cblas_sgemm")]
    public static partial void Sgemm(int layout, int transA, int transB, int m, int n, int k, float alpha, float* a, int lda,
        float* b, int ldb, float beta, float* c, int ldc);
}
