namespace RepLearn.Cli;

/// <summary>
/// Checks an output file before any work starts, so that nothing is trained only to fail at the save:
/// a file name is given, it is not a folder, a device or other special file, not one of the run's inputs,
/// it does not exist unless --force, its folder exists and a file can be created there.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Throws a <see cref="UsageException"/> naming <paramref name="flag"/> and the path when the output cannot be written safely.</summary>
    /// <param name="inputs">The run's inputs (--data files, --resume), which an output may not be.</param>
    public static void Check(string path, string flag, bool force, IEnumerable<(string Flag, string Path)> inputs)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{flag} needs a file name, got an empty value");
        var full = FullPath(path, flag);
        if (Directory.Exists(full)) throw new UsageException($"{flag} {path} is a folder; give a file name (e.g. {Path.Combine(path, "model.safetensors")})");
        if (FileKind.IsSpecial(full)) throw new UsageException($"{flag} {path} is a device or other special file, not a regular file; give a file path");
        foreach (var (inputFlag, input) in inputs)
            if (SameFile(full, input))
                throw new UsageException($"{flag} {path} is the same file as {inputFlag} {input}; an output may not overwrite an input");
        if (File.Exists(full) && !force) throw new UsageException($"{flag} {path} already exists; pass --force to overwrite it");
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new UsageException($"{flag} {path}: folder {folder} does not exist");
        ProbeWritable(folder, Path.GetFileName(full), flag, path);
    }

    /// <summary>True when both paths name one file (after making them absolute and following symbolic links).</summary>
    public static bool SameFile(string a, string b) =>
        string.Equals(Canonical(a), Canonical(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The files a --data value reads: the CSV itself, or the IDX files of a folder.</summary>
    public static IEnumerable<(string Flag, string Path)> DataInputs(string data)
    {
        if (File.Exists(data)) return [("--data", data)];
        if (Directory.Exists(data)) return Directory.EnumerateFiles(data).Where(f => Path.GetFileName(f).Contains("idx", StringComparison.Ordinal)).Select(f => ("--data", f)).ToList();
        return [];
    }

    private static string FullPath(string path, string flag)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{flag} {path} is not a valid path: {e.Message}");
        }
    }

    private static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return File.Exists(full) && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target ? target.FullName : full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    /// <summary>
    /// Creates and deletes an empty file in <paramref name="folder"/>: a read-only folder or file system fails here
    /// rather than after training. The probe is named like an atomic write's temporary file, so a kill between
    /// its creation and deletion leaves nothing the next save does not remove.
    /// </summary>
    private static void ProbeWritable(string folder, string fileName, string flag, string path)
    {
        var probe = Path.Combine(folder, $".{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None)) { }
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{flag} {path}: cannot create a file in {folder} ({e.Message})");
        }
        AtomicFile.RemoveOrphans(folder, fileName);
    }
}
