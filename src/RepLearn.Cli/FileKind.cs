using System.Runtime.InteropServices;

namespace RepLearn.Cli;

/// <summary>
/// What kind of file system entry a path names. .NET's managed API reports a device such as /dev/null as an
/// ordinary file, and replacing one (as root) turns the device into a regular file, so outputs are checked with
/// stat(2) through the runtime's own native shim (libSystem.Native, shipped with every .NET on Unix: nothing to install).
/// </summary>
internal static partial class FileKind
{
    /// <summary>True when <paramref name="path"/> exists and is not a regular file or directory: a device, FIFO or socket.</summary>
    public static bool IsSpecial(string path)
    {
        if (OperatingSystem.IsWindows()) return IsWindowsDevice(path);
        try
        {
            // FileStatus (src/native/libs/System.Native/pal_io.h) starts with int32 Flags, int32 Mode; the rest is
            // not read. The buffer is generous so that a larger struct in a later runtime still fits.
            Span<byte> status = stackalloc byte[512];
            if (Stat(path, ref MemoryMarshal.GetReference(status)) != 0) return false; // absent or unreadable: not special
            var mode = BitConverter.ToInt32(status[4..8]);
            var type = mode & 0xF000;
            return type is not (0x8000 or 0x4000); // S_IFREG, S_IFDIR
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            var full = Path.GetFullPath(path);
            return full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal);
        }
    }

    /// <summary>The reserved device names (NUL, CON, COM1, ...) that Windows resolves in every folder.</summary>
    private static bool IsWindowsDevice(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path).ToUpperInvariant();
        return name is "CON" or "PRN" or "AUX" or "NUL" || (name.Length == 4 && (name.StartsWith("COM", StringComparison.Ordinal) || name.StartsWith("LPT", StringComparison.Ordinal)) && char.IsDigit(name[3]));
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref byte output);
}
