using System.Numerics;

namespace RepLearn.Functional.Keys;

/// <summary>
/// A splittable, counter-based random key (as JAX's PRNG key): all randomness is a pure function
/// of a key and a counter, computed by the Threefry-2x64-20 block cipher (Salmon et al. 2011,
/// "Parallel random numbers: as easy as 1, 2, 3"). Same key, same numbers, on every machine.
/// Keys are passed explicitly and never reused for two purposes: <see cref="Split()"/> or
/// <see cref="FoldIn"/> derive independent children. There is no global seed.
/// </summary>
/// <example><code>
/// var key = Key.FromSeed(42);
/// var (initKey, trainKey) = key.Split();
/// var noise = Sample.Normal(initKey, 2, 3);
/// </code></example>
public readonly record struct Key(ulong K0, ulong K1)
{
    // Domain separation: the second counter word says what the block is for.
    private const ulong SampleDomain = 0;
    private const ulong SplitDomain = 1;
    private const ulong FoldInDomain = 2;

    /// <summary>The key for a seed (as JAX's PRNGKey(seed) = [0, seed]).</summary>
    [Pure]
    public static Key FromSeed(long seed) => new(0, unchecked((ulong)seed));

    /// <summary>Two independent children.</summary>
    [Pure]
    public (Key First, Key Second) Split()
    {
        var children = Split(2);
        return (children[0], children[1]);
    }

    /// <summary><paramref name="count"/> independent children: child i is Threefry(key, (i, split)).</summary>
    [Pure]
    public Key[] Split(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 0");
        var keys = new Key[count];
        for (var i = 0; i < count; i++)
        {
            var (a, b) = Block((ulong)i, SplitDomain);
            keys[i] = new Key(a, b);
        }
        return keys;
    }

    /// <summary>A child key determined by <paramref name="data"/> (an epoch, a step, a layer index).</summary>
    [Pure]
    public Key FoldIn(long data)
    {
        var (a, b) = Block(unchecked((ulong)data), FoldInDomain);
        return new Key(a, b);
    }

    /// <summary>128 random bits for sample block <paramref name="counter"/>.</summary>
    [Pure]
    internal (ulong, ulong) Bits(ulong counter) => Block(counter, SampleDomain);

    /// <summary>Threefry-2x64 with 20 rounds (Random123's rotation constants and key schedule).</summary>
    [Pure]
    internal (ulong, ulong) Block(ulong counter0, ulong counter1)
    {
        ReadOnlySpan<int> rotations = [16, 42, 12, 31, 16, 32, 24, 21];
        Span<ulong> ks = [K0, K1, 0x1BD11BDAA9FC1A22UL ^ K0 ^ K1];
        ulong x0 = counter0 + ks[0], x1 = counter1 + ks[1];
        for (var round = 0; round < 20; round++)
        {
            x0 += x1;
            x1 = BitOperations.RotateLeft(x1, rotations[round % 8]);
            x1 ^= x0;
            if (round % 4 == 3)
            {
                var s = (round + 1) / 4;
                x0 += ks[s % 3];
                x1 += ks[(s + 1) % 3] + (ulong)s;
            }
        }
        return (x0, x1);
    }
}
