using RepLearn.Functional.Checkpoints;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Checkpoints;

/// <summary>AtomicFile: orphaned temporary files of killed writers are removed; a no-overwrite write has exactly one winner.</summary>
public sealed class AtomicFileTests
{
    private static string Orphan(TempFolder dir, string target) => dir.Write($".{target}.{Guid.NewGuid():N}.tmp", new byte[1000]);

    [Fact]
    public void A_write_removes_the_temporary_files_a_killed_writer_left_for_the_same_target_only()
    {
        using var dir = new TempFolder();
        var orphans = new[] { Orphan(dir, "m.safetensors"), Orphan(dir, "m.safetensors") };
        var otherTargets = new[] { Orphan(dir, "other.safetensors"), dir.Write(".m.safetensors.notaguid.tmp", [1]), dir.Write("m.safetensors.tmp", [1]) };
        AtomicFile.Write(dir.File("m.safetensors"), overwrite: false, s => s.Write([1, 2, 3]));
        Assert.All(orphans, o => Assert.False(File.Exists(o), o));
        Assert.All(otherTargets, o => Assert.True(File.Exists(o), o));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(dir.File("m.safetensors")));
    }

    [Fact]
    public void A_temporary_file_that_another_writer_holds_is_left_alone()
    {
        using var dir = new TempFolder();
        var busy = Orphan(dir, "m.safetensors");
        using (new FileStream(busy, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            Assert.Equal(0, AtomicFile.RemoveOrphans(dir.Path, "m.safetensors"));
        Assert.True(File.Exists(busy));
        Assert.Equal(1, AtomicFile.RemoveOrphans(dir.Path, "m.safetensors"));
        Assert.False(File.Exists(busy));
    }

    [Fact]
    public void Two_threads_saving_without_overwrite_never_both_succeed()
    {
        using var dir = new TempFolder();
        for (var round = 0; round < 100; round++)
        {
            var target = dir.File($"r{round}.bin");
            var start = new Barrier(2);
            var outcomes = new bool[2];
            var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    AtomicFile.Write(target, overwrite: false, s => s.Write([(byte)t]));
                    outcomes[t] = true;
                }
                catch (IOException)
                {
                    outcomes[t] = false;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.True(outcomes.Count(o => o) == 1, $"round {round}: {outcomes.Count(o => o)} writers succeeded");
            var winner = Array.IndexOf(outcomes, true);
            Assert.Equal([(byte)winner], File.ReadAllBytes(target));
        }
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp"));
    }
}
