namespace RepLearn.Functional.Checkpoints;

/// <summary>
/// Writes a file so that a crash or an exception leaves either the old file or the complete new one,
/// never a truncated one: write a uniquely named temporary file in the same folder
/// (<c>.{name}.{guid}.tmp</c>), flush it to disk, then rename it over the target (an atomic rename on
/// POSIX and NTFS). On any failure the temporary file is deleted and the target is untouched.
/// </summary>
/// <example><code>
/// AtomicFile.Write("model.safetensors", overwrite: false, stream => stream.Write(bytes));
/// </code></example>
public static class AtomicFile
{
    /// <summary>
    /// Runs <paramref name="write"/> on a fresh temporary file next to <paramref name="path"/>, then
    /// moves it to <paramref name="path"/>.
    /// </summary>
    /// <param name="path">The target file.</param>
    /// <param name="overwrite">Replace an existing target; when false an existing target is an error.</param>
    /// <param name="write">Writes the whole content; may throw, in which case nothing changes.</param>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false, or the file system failed.</exception>
    public static void Write(string path, bool overwrite, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        if (Directory.Exists(target)) throw new IOException($"{target} is a directory");
        if (!overwrite && File.Exists(target))
            throw new IOException($"{target} already exists; pass overwrite: true (--force) to replace it");
        var directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"{target} has no folder", nameof(path));
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // best effort: the original exception matters more
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
