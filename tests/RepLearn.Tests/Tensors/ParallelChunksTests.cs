using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Tensors;

/// <summary>The ranges element-wise loops are split into: ordered, disjoint, covering, long enough and aligned.</summary>
public sealed class ParallelChunksTests
{
    [Theory]
    [InlineData(0, 4, 1 << 15)]
    [InlineData(100, 2, 1 << 15)]          // too short to split
    [InlineData(65_536, 2, 1 << 15)]       // exactly two grains
    [InlineData(100_352, 2, 1 << 15)]      // a 128 x 784 batch
    [InlineData(100_353, 3, 1 << 15)]      // three threads, a ragged end
    [InlineData(652_824, 8, 1 << 15)]      // examples/vae's parameters, eight threads
    [InlineData(128, 2, 41)]               // rows of 784: 41 rows per thread at least
    [InlineData(7, 16, 1)]                 // more threads than items
    public void RangesCoverInOrderWithoutOverlap(int length, int threads, int grain)
    {
        var ranges = ParallelChunks.Ranges(length, threads, grain);
        Assert.InRange(ranges.Length, 1, Math.Max(1, threads));
        Assert.Equal(0, ranges[0].Start);
        for (var i = 1; i < ranges.Length; i++) Assert.Equal(ranges[i - 1].Start + ranges[i - 1].Count, ranges[i].Start);
        Assert.Equal(length, ranges[^1].Start + ranges[^1].Count);
        if (ranges.Length > 1)
            Assert.All(ranges, r =>
            {
                Assert.True(r.Count >= grain - ParallelChunks.Align, $"range {r} shorter than the grain {grain}");
                if (grain >= ParallelChunks.Align) Assert.Equal(0, r.Start % ParallelChunks.Align);
            });
    }
}
