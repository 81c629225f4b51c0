using System.Runtime.InteropServices;

namespace RepLearn.Functional.Tensors;

/// <summary>
/// Per-thread packing buffers, reused across products so a product allocates only its result. Arrays on
/// the pinned object heap (stable addresses, freed with their thread), used from a 64-byte boundary so
/// packed rows start on cache lines.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
internal static unsafe class GemmBuffers<T> where T : unmanaged
{
    [ThreadStatic] private static T[]? packedA;
    [ThreadStatic] private static T[]? packedB;

    /// <summary>This thread's A buffer, at least <paramref name="length"/> elements, 64-byte aligned.</summary>
    public static T* A(int length) => Aligned(ref packedA, length);

    /// <summary>This thread's B buffer, at least <paramref name="length"/> elements, 64-byte aligned.</summary>
    public static T* B(int length) => Aligned(ref packedB, length);

    private static T* Aligned(ref T[]? buffer, int length)
    {
        var slack = 64 / sizeof(T);
        if (buffer is null || buffer.Length < length + slack)
            buffer = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
        var start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (T*)((start + 63) & ~(nint)63);
    }
}
