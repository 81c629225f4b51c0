using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Tensors;

/// <summary>The REPLEARN_GEMM_ISA override: a path the CPU cannot run, or a name that is no path, is refused clearly.</summary>
public class GemmIsaTests
{
    [Fact]
    public void NoOverrideSelectsTheBestPath()
    {
        Assert.Equal(GemmIsaSelection.Best, GemmIsaSelection.Resolve(null));
        Assert.Equal(GemmIsaSelection.Best, GemmIsaSelection.Resolve(""));
        Assert.True(GemmIsaSelection.IsSupported(GemmIsaSelection.Best));
    }

    [Fact]
    public void EverySupportedPathCanBeForced()
    {
        foreach (var isa in GemmIsaSelection.Supported)
            Assert.Equal(isa, GemmIsaSelection.Resolve(GemmIsaSelection.Name(isa).ToUpperInvariant()));
    }

    [Fact]
    public void AnUnsupportedPathIsRefusedNamingTheVariableAndValue()
    {
        var unsupported = Enum.GetValues<GemmIsa>().Where(isa => !GemmIsaSelection.IsSupported(isa)).ToArray();
        if (unsupported.Length == 0) return; // this CPU runs every path (an AVX-512 x64): nothing to refuse
        var name = GemmIsaSelection.Name(unsupported[0]);
        var ex = Assert.Throws<InvalidOperationException>(() => GemmIsaSelection.Resolve(name));
        Assert.Contains($"REPLEARN_GEMM_ISA={name}", ex.Message);
        Assert.Contains("cannot run", ex.Message);
        Assert.Contains(GemmIsaSelection.Name(GemmIsaSelection.Best), ex.Message);
    }

    [Fact]
    public void AnUnknownNameIsRefusedListingTheChoices()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => GemmIsaSelection.Resolve("sse9"));
        Assert.Contains("REPLEARN_GEMM_ISA=sse9", ex.Message);
        Assert.Contains("avx512, avx2, vector128, scalar", ex.Message);
    }

    [Fact]
    public void ForcingAPathTheCpuLacksThroughTheKernelEntryIsRefused()
    {
        var unsupported = Enum.GetValues<GemmIsa>().Where(isa => !GemmIsaSelection.IsSupported(isa)).ToArray();
        if (unsupported.Length == 0) return;
        Assert.Throws<PlatformNotSupportedException>(() =>
            Gemm.MultiplyInto<double>(new double[4], false, new double[4], false, new double[4], 2, 2, 2, unsupported[0], 1));
    }
}
