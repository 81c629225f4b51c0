using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RepLearn.Functional.Tensors;

/// <summary>The instruction sets the GEMM has a kernel for, from the narrowest to the widest.</summary>
internal enum GemmIsa
{
    /// <summary>Scalar fused multiply-adds: runs everywhere; the reference the vector paths must match.</summary>
    Scalar,

    /// <summary>128-bit vectors: NEON on ARM, SSE/AVX encodings of xmm registers on x64.</summary>
    Vector128,

    /// <summary>256-bit vectors with FMA (x64 since Haswell / Zen).</summary>
    Avx2,

    /// <summary>512-bit vectors (AVX-512F), only where .NET accelerates Vector512.</summary>
    Avx512,
}

/// <summary>
/// Which <see cref="GemmIsa"/> runs: the widest the CPU supports, unless the REPLEARN_GEMM_ISA environment
/// variable names another (read once, like REPLEARN_NUM_THREADS). A name the CPU cannot run is refused
/// rather than silently replaced, so a test or benchmark that forces a path measures that path.
/// </summary>
internal static class GemmIsaSelection
{
    /// <summary>The environment variable that forces a path.</summary>
    public const string Variable = "REPLEARN_GEMM_ISA";

    private static readonly GemmIsa[] All = [GemmIsa.Avx512, GemmIsa.Avx2, GemmIsa.Vector128, GemmIsa.Scalar];

    private static readonly Lazy<GemmIsa> Selected = new(() => Resolve(Environment.GetEnvironmentVariable(Variable)));

    /// <summary>The path every product uses; throws <see cref="InvalidOperationException"/> if the override is invalid.</summary>
    public static GemmIsa Current => Selected.Value;

    /// <summary>The override's spelling of a path (lower case).</summary>
    public static string Name(GemmIsa isa) => isa.ToString().ToLowerInvariant();

    /// <summary>Whether this process can run <paramref name="isa"/>'s kernels.</summary>
    public static bool IsSupported(GemmIsa isa) => isa switch
    {
        GemmIsa.Scalar => true,
        GemmIsa.Vector128 => Vector128.IsHardwareAccelerated,
        GemmIsa.Avx2 => Vector256.IsHardwareAccelerated && Fma.IsSupported,
        GemmIsa.Avx512 => Vector512.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>Every path this process can run, widest first.</summary>
    public static IReadOnlyList<GemmIsa> Supported => All.Where(IsSupported).ToArray();

    /// <summary>The widest path this process can run.</summary>
    public static GemmIsa Best => All.First(IsSupported);

    /// <summary>
    /// The path for an override value: null or empty means <see cref="Best"/>; otherwise the named path,
    /// which must exist and be supported here.
    /// </summary>
    public static GemmIsa Resolve(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Best;
        var runnable = string.Join(", ", Supported.Select(Name));
        var match = All.Where(isa => Name(isa) == value.Trim().ToLowerInvariant()).ToArray();
        if (match.Length == 0)
            throw new InvalidOperationException(
                $"{Variable}={value} names no GEMM path; use one of {string.Join(", ", All.Select(Name))} " +
                $"(this CPU runs {runnable}), or unset it to use the best ({Name(Best)}).");
        if (!IsSupported(match[0]))
            throw new InvalidOperationException(
                $"{Variable}={value} asks for a GEMM path this CPU cannot run; it runs {runnable}. " +
                $"Unset {Variable} to use the best ({Name(Best)}).");
        return match[0];
    }
}
