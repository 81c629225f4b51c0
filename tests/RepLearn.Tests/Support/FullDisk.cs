using System.Diagnostics;
using Xunit;

namespace RepLearn.Tests.Support;

/// <summary>
/// A full file system for tests: a 64 KiB tmpfs mounted at a folder and filled, so that creating a file works and
/// writing data fails with ENOSPC, as on a real full disk. Needs root and mount(8) (Linux; CI here runs as root).
/// </summary>
public sealed class FullDisk : IDisposable
{
    /// <summary>The mounted, full folder.</summary>
    public string Path { get; }

    private FullDisk(string path) => Path = path;

    /// <summary>True when this process can mount a tmpfs (tried once).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>Mounts a full tmpfs at <paramref name="folder"/> (created); unmounted on dispose.</summary>
    public static FullDisk Mount(string folder)
    {
        Directory.CreateDirectory(folder);
        Sh("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder);
        var disk = new FullDisk(folder);
        try
        {
            using var filler = new FileStream(System.IO.Path.Combine(folder, "filler"), FileMode.CreateNew);
            var block = new byte[4096];
            while (true) filler.Write(block);
        }
        catch (IOException)
        {
            // full, as intended
        }
        return disk;
    }

    public void Dispose() => Sh("umount", Path);

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return false;
        var folder = Directory.CreateTempSubdirectory("replearn-mount-probe-").FullName;
        try
        {
            Sh("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", folder);
            Sh("umount", folder);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static void Sh(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{command} {string.Join(" ", args)}: {err.Trim()}");
    }
}

/// <summary>A [Fact] skipped, saying why, where a full disk cannot be simulated (not root, or mount is not permitted).</summary>
public sealed class FullDiskFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <see cref="FullDisk.Available"/> is false.</summary>
    public FullDiskFactAttribute()
    {
        if (!FullDisk.Available) Skip = "a full disk is simulated with a tmpfs mount, which needs root and mount permission";
    }
}
