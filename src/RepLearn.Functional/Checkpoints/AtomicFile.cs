using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace RepLearn.Functional.Checkpoints;

/// <summary>
/// Writes a file so that a crash or an exception leaves either the old file or the complete new one,
/// never a truncated one: write a uniquely named temporary file in the same folder
/// (<c>.{name}.{guid}.tmp</c>), flush it to disk, then rename it over the target (an atomic rename on
/// POSIX and NTFS). On any failure the temporary file is deleted and the target is untouched.
/// Temporary files that a killed writer left behind for the same target are removed by the next write
/// (a temporary file is held exclusively while it is written, so one still being written is left alone).
/// </summary>
/// <example><code>
/// AtomicFile.Write("model.safetensors", overwrite: false, stream => stream.Write(bytes));
/// </code></example>
public static partial class AtomicFile
{
    /// <summary>
    /// One lock per target path: "refuse if it exists, else rename" must be one step, or two writers in this
    /// process could both find the target absent and both succeed (the rename itself replaces silently).
    /// </summary>
    private static readonly ConcurrentDictionary<string, object> TargetLocks = new(StringComparer.Ordinal);

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
        RemoveOrphans(directory, Path.GetFileName(target));
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            lock (TargetLocks.GetOrAdd(target, _ => new object()))
            {
                if (!overwrite && File.Exists(target))
                    throw new IOException($"{target} already exists; pass overwrite: true (--force) to replace it");
                File.Move(temp, target, overwrite);
            }
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// The temporary files of earlier writes to <paramref name="fileName"/> in <paramref name="directory"/>
    /// that no writer holds any more (a killed process's), which are deleted; returns how many.
    /// </summary>
    public static int RemoveOrphans(string directory, string fileName)
    {
        var removed = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, $".{fileName}.*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        foreach (var candidate in candidates)
        {
            if (!TempName().IsMatch(Path.GetFileName(candidate)[(fileName.Length + 1)..])) continue;
            try
            {
                // A writer holds its temporary file with FileShare.None; opening it exclusively fails then.
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                File.Delete(candidate);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // in use by another writer, or not ours to delete: leave it
            }
        }
        return removed;
    }

    /// <summary>The part of a temporary file's name after ".{fileName}": a 32-digit hex GUID and ".tmp".</summary>
    [GeneratedRegex("^\\.[0-9a-f]{32}\\.tmp$")]
    private static partial Regex TempName();

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
