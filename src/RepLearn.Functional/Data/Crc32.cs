namespace RepLearn.Functional.Data;

/// <summary>
/// CRC-32 as gzip (RFC 1952, section 8) and zlib compute it: the reflected polynomial 0xEDB88320, initial value
/// and final XOR 0xFFFFFFFF, one table lookup per byte. Crc32.Of("123456789"u8) = 0xCBF43926.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    /// <summary>The running state before any byte (the final XOR undone): feed it to <see cref="Update"/>, finish with <see cref="Finish"/>.</summary>
    public const uint Start = 0xFFFFFFFFu;

    /// <summary>The state after <paramref name="bytes"/>.</summary>
    public static uint Update(uint state, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) state = Table[(state ^ b) & 0xFF] ^ (state >> 8);
        return state;
    }

    /// <summary>The CRC of everything fed so far.</summary>
    public static uint Finish(uint state) => state ^ 0xFFFFFFFFu;

    /// <summary>The CRC-32 of <paramref name="bytes"/>.</summary>
    public static uint Of(ReadOnlySpan<byte> bytes) => Finish(Update(Start, bytes));

    private static uint[] Build()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
