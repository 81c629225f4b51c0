namespace RepLearn.Functional.Tensors;

/// <summary>
/// Data-cache sizes in bytes, used to block the GEMM. Read from Linux's sysfs (cpu0's cache/index*);
/// elsewhere, or when unreadable, typical desktop values (32 KiB L1d, 512 KiB L2, 8 MiB L3) stand in,
/// which only affects speed, never results.
/// </summary>
internal static class CacheSizes
{
    /// <summary>Level-1 data cache of one core.</summary>
    public static readonly int L1 = Read(1, 32 << 10);

    /// <summary>Level-2 cache of one core.</summary>
    public static readonly int L2 = Read(2, 512 << 10);

    /// <summary>Level-3 cache (shared by the cores that see it).</summary>
    public static readonly int L3 = Read(3, 8 << 20);

    private static int Read(int level, int fallback)
    {
        try
        {
            const string root = "/sys/devices/system/cpu/cpu0/cache";
            if (!Directory.Exists(root)) return fallback;
            foreach (var index in Directory.EnumerateDirectories(root, "index*"))
            {
                var type = File.ReadAllText(Path.Combine(index, "type")).Trim();
                if (type == "Instruction") continue;
                if (File.ReadAllText(Path.Combine(index, "level")).Trim() != level.ToString(System.Globalization.CultureInfo.InvariantCulture)) continue;
                var text = File.ReadAllText(Path.Combine(index, "size")).Trim(); // "32K", "512K", "32768K", "1M"
                var scale = text.EndsWith('K') ? 1 << 10 : text.EndsWith('M') ? 1 << 20 : 1;
                if (int.TryParse(text.TrimEnd('K', 'M'), out var value) && value > 0) return checked(value * scale);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OverflowException)
        {
            // An unreadable sysfs is not an error: the defaults only cost speed.
        }
        return fallback;
    }
}
