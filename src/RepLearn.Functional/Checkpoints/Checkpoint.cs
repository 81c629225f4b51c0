namespace RepLearn.Functional.Checkpoints;

/// <summary>
/// Model checkpoints: a parameter tree saved as a safetensors file (each leaf in its own dtype: F64 for float64, F32 for
/// float32, read back in that dtype; counts always F64) whose tensor names are the
/// tree's leaf paths (<c>encoder.0.weight</c>; a lone leaf with the empty path is named "value"), with its counts
/// (an optimizer's step counts, <see cref="Tree.Counts{T}"/>) stored among them in flattening order as 1 x 1 tensors
/// (exact below 2^53) so that a resumed run continues bit for bit, with
/// <c>__metadata__</c> = { format: "replearn-checkpoint", format_version: "2", model_kind, checksum, and the
/// caller's hyperparameters }, the checksum covering the metadata, the tensor entries and the data
/// (<see cref="CheckpointChecksum"/>). Leaves are stored as [rows, cols], except 1 x n leaves whose path ends
/// in "bias", stored as [n] as torch.nn.Linear expects. Saving is atomic and refuses to overwrite unless asked;
/// loading validates the file, the model kind, every name and shape against a template built from the stored
/// hyperparameters, the checksum and finiteness, and round-trips values bit for bit. Files of format_version
/// "1" (whose checksum covers the data buffer only) still load, with a note in <see cref="LoadedCheckpoint{T}.Notes"/>.
/// </summary>
/// <example><code>
/// var config = new AutoencoderConfig(InputDim: 784, LatentDim: 16, HiddenDims: [64]);
/// Checkpoint.Save("ae.safetensors", "ae", Autoencoder.Init(Key.FromSeed(0), config), new Dictionary&lt;string, string&gt; { ["latent_dim"] = "16" });
/// var (parameters, hyper) = Checkpoint.Load("ae.safetensors", "ae",
///     h =&gt; Autoencoder.Init(Key.FromSeed(0), config with { LatentDim = int.Parse(h["latent_dim"]) }));
/// </code></example>
public static class Checkpoint
{
    /// <summary>The value of the <c>format</c> metadata key.</summary>
    public const string FormatName = "replearn-checkpoint";

    /// <summary>The value of the <c>format_version</c> metadata key this library writes: its checksum covers metadata and data.</summary>
    public const string FormatVersion = "2";

    /// <summary>The earlier format version, still read: its checksum is the SHA-256 of the data buffer alone.</summary>
    public const string FormatVersion1 = "1";

    /// <summary>The note a load of a format-version-1 file carries.</summary>
    public const string FormatVersion1Note = "written by format version 1: its checksum covers the tensors only, not the metadata";

    /// <summary>Metadata keys the checkpoint itself uses; hyperparameters may not use them.</summary>
    public static IReadOnlyList<string> ReservedKeys { get; } = ["format", "format_version", "model_kind", "checksum"];

    /// <summary>
    /// Saves <paramref name="parameters"/> to <paramref name="path"/> atomically (see <see cref="AtomicFile"/>).
    /// Everything is validated before the disk is touched.
    /// </summary>
    /// <exception cref="ArgumentException">Empty model kind, a reserved hyperparameter key, clashing leaf names, or a non-finite value.</exception>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public static void Save<T>(string path, string modelKind, T parameters, IReadOnlyDictionary<string, string> hyperparameters, bool overwrite = false)
        where T : ITree<T>
    {
        var (tensors, metadata) = Prepare(modelKind, parameters, hyperparameters);
        AtomicFile.Write(path, overwrite, stream => Safetensors.Write(stream, tensors, metadata));
    }

    /// <summary>Writes the checkpoint bytes that <see cref="Save{T}"/> puts in a file to <paramref name="stream"/>.</summary>
    public static void Write<T>(Stream stream, string modelKind, T parameters, IReadOnlyDictionary<string, string> hyperparameters)
        where T : ITree<T>
    {
        var (tensors, metadata) = Prepare(modelKind, parameters, hyperparameters);
        Safetensors.Write(stream, tensors, metadata);
    }

    /// <summary>
    /// Loads a checkpoint written by <see cref="Save{T}"/> (or any safetensors file with the same names,
    /// shapes and metadata). <paramref name="templateFromHyperparameters"/> builds a tree of the right
    /// shapes from the stored hyperparameters; its values are not used.
    /// </summary>
    /// <exception cref="InvalidDataException">The file fails a check; the message names the check and the tensor.</exception>
    public static LoadedCheckpoint<T> Load<T>(string path, string expectedKind, Func<IReadOnlyDictionary<string, string>, T> templateFromHyperparameters)
        where T : ITree<T>
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(file, file.Length, path, expectedKind, templateFromHyperparameters);
    }

    /// <summary>
    /// Reads a checkpoint of <paramref name="length"/> bytes from <paramref name="stream"/>. Checks, in order:
    /// every safetensors header check; format and format_version; the checksum is present and, when the stream can
    /// seek, matches (hashed in chunks, nothing allocated for the data; for version 2 it covers the metadata, so a
    /// changed hyperparameter is reported as a checksum mismatch before it is used); model kind equal to
    /// <paramref name="expectedKind"/>; the template builds from the hyperparameters; tensor names and
    /// shapes equal the template's (1-D [n] accepted for a 1 x n leaf) — all before the data is
    /// allocated; then the data is read (and, from a stream that cannot seek, the checksum checked); then every
    /// value finite.
    /// </summary>
    /// <exception cref="InvalidDataException">A check failed.</exception>
    public static LoadedCheckpoint<T> Read<T>(Stream stream, long length, string source, string expectedKind,
        Func<IReadOnlyDictionary<string, string>, T> templateFromHyperparameters) where T : ITree<T>
    {
        ArgumentNullException.ThrowIfNull(templateFromHyperparameters);
        var header = Safetensors.ReadHeader(stream, length, source);
        var meta = header.Metadata;
        string? Get(string key) => meta.TryGetValue(key, out var v) ? v : null;
        var notes = Notes(meta, source);
        var checksum = Get(CheckpointChecksum.Key) ?? throw Fail(source, "metadata 'checksum' is missing");
        var coversMetadata = Get("format_version") == FormatVersion;
        var verifiedFirst = stream.CanSeek;
        if (verifiedFirst) CheckpointChecksum.Verify(stream, header, checksum, coversMetadata, source);
        if (Get("model_kind") != expectedKind)
            throw Fail(source, Get("model_kind") is { } k
                ? $"model kind mismatch: the file holds '{k}', expected '{expectedKind}'"
                : "metadata 'model_kind' is missing");

        var hyperparameters = meta.Where(kv => !ReservedKeys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        T template;
        try
        {
            template = templateFromHyperparameters(hyperparameters);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or OverflowException or InvalidOperationException)
        {
            throw Fail(source, $"hyperparameters do not describe a '{expectedKind}' model: {e.Message}", e);
        }

        var expected = Named(template);
        var isCount = Tree.Flatten(template).Select(e => !e.IsLeaf).ToList();
        var entries = header.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var (name, leaf) in expected)
        {
            if (!entries.TryGetValue(name, out var entry)) throw Fail(source, $"tensor '{name}' is missing");
            if (entry.MatrixShape != (leaf.Rows, leaf.Cols))
                throw Fail(source, $"tensor '{name}': shape {SafetensorsTensor.ShapeString(entry.Shape)} does not match the model's {leaf.ShapeString}");
        }
        var expectedNames = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in header.Entries)
            if (!expectedNames.Contains(entry.Name))
                throw Fail(source, $"unexpected tensor '{entry.Name}': the '{expectedKind}' model has no such parameter");

        using var covering = !verifiedFirst && coversMetadata ? CheckpointChecksum.Start(header) : null;
        var file = Safetensors.ReadData(stream, header, source, covering);
        if (!verifiedFirst)
        {
            var actual = covering is null ? file.DataSha256 : Convert.ToHexStringLower(covering.GetHashAndReset());
            if (!string.Equals(actual, checksum, StringComparison.Ordinal)) throw CheckpointChecksum.Mismatch(source, checksum, actual, coversMetadata);
        }
        foreach (var t in file.Tensors)
            if (FirstNonFinite(t.Value) is { } at)
                throw Fail(source, $"tensor '{t.Name}': non-finite value {t.Value[at.Row, at.Col].ToString(CultureInfo.InvariantCulture)} at ({at.Row}, {at.Col})");

        var byName = file.Tensors.ToDictionary(t => t.Name, t => t.Value, StringComparer.Ordinal);
        var leaves = new List<Tensor>();
        var counts = new List<long>();
        for (var i = 0; i < expected.Count; i++)
            if (isCount[i]) counts.Add(ReadCount(source, expected[i].Name, byName[expected[i].Name]));
            else leaves.Add(byName[expected[i].Name]);
        return new LoadedCheckpoint<T>(Tree.Unflatten(template, leaves, counts), hyperparameters.AsReadOnly()) { Notes = notes };
    }

    /// <summary>
    /// Checks that <paramref name="metadata"/> is a RepLearn checkpoint's (format "replearn-checkpoint", a
    /// format_version this library reads) and returns what a load of it should tell the user: for format version 1,
    /// <see cref="FormatVersion1Note"/>; for the current version, nothing. Reads no data.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a RepLearn checkpoint, or an unsupported format_version; the message names <paramref name="source"/>.</exception>
    public static IReadOnlyList<string> Notes(IReadOnlyDictionary<string, string> metadata, string source)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string? Get(string key) => metadata.TryGetValue(key, out var v) ? v : null;
        if (Get("format") != FormatName)
            throw Fail(source, Get("format") is { } f
                ? $"not a RepLearn checkpoint: metadata 'format' is '{f}', expected '{FormatName}'"
                : "not a RepLearn checkpoint: metadata 'format' is missing");
        return Get("format_version") switch
        {
            FormatVersion => [],
            FormatVersion1 => new List<string> { FormatVersion1Note }.AsReadOnly(),
            { } v => throw Fail(source, $"unsupported format_version '{v}' (this library reads '{FormatVersion1}' and '{FormatVersion}')"),
            null => throw Fail(source, "metadata 'format_version' is missing"),
        };
    }

    /// <summary>
    /// The tensors a checkpoint of <paramref name="parameters"/> stores, in flattening order (<see cref="Tree.Flatten{T}"/>,
    /// a count as a 1 x 1 tensor): name = <see cref="TensorName"/>(path), shape [n] for a 1 x n leaf whose path ends in
    /// "bias", else [rows, cols].
    /// </summary>
    /// <exception cref="ArgumentException">Two leaves share a name, or one name is a dotted prefix of another.</exception>
    public static IReadOnlyList<SafetensorsTensor> ToTensors<T>(T parameters) where T : ITree<T> =>
        [.. Named(parameters).Select(p => IsBias(p.Name, p.Leaf) ? SafetensorsTensor.Vector(p.Name, p.Leaf) : SafetensorsTensor.Matrix(p.Name, p.Leaf))];

    /// <summary>The stored name of a leaf path: the path itself, or "value" for the empty path of a lone tensor.</summary>
    public static string TensorName(string path) => path.Length == 0 ? "value" : path;

    private static bool IsBias(string name, Tensor leaf) =>
        leaf.Rows == 1 && (name == "bias" || name.EndsWith(".bias", StringComparison.Ordinal));

    private static List<(string Name, Tensor Leaf)> Named<T>(T tree) where T : ITree<T>
    {
        // Counts are written by the serialiser, not by the tree: a tree's Map never sees them.
        var named = Tree.Flatten(tree).Select(e => (Name: TensorName(e.Path), Leaf: e.Leaf ?? Tensor.Scalar(e.Count))).ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in named)
            if (!names.Add(name) || name == Safetensors.MetadataKey)
                throw new ArgumentException($"leaf name '{name}' is repeated or reserved", nameof(tree));
        foreach (var (name, _) in named)
            for (var dot = name.IndexOf('.'); dot >= 0; dot = name.IndexOf('.', dot + 1))
                if (names.Contains(name[..dot]))
                    throw new ArgumentException($"leaf names are not prefix-free: '{name[..dot]}' is a prefix of '{name}'", nameof(tree));
        return named;
    }

    private static (List<SafetensorsTensor> Tensors, Dictionary<string, string> Metadata) Prepare<T>(
        string modelKind, T parameters, IReadOnlyDictionary<string, string> hyperparameters) where T : ITree<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(modelKind);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        foreach (var key in hyperparameters.Keys)
            if (ReservedKeys.Contains(key))
                throw new ArgumentException($"hyperparameter key '{key}' is reserved by the checkpoint format", nameof(hyperparameters));
        var tensors = ToTensors(parameters).ToList();
        foreach (var t in tensors)
            if (FirstNonFinite(t.Value) is { } at)
                throw new ArgumentException($"parameter '{t.Name}' has a non-finite value at ({at.Row}, {at.Col}); refusing to save it", nameof(parameters));
        var metadata = new Dictionary<string, string>(hyperparameters, StringComparer.Ordinal)
        {
            ["format"] = FormatName,
            ["format_version"] = FormatVersion,
            ["model_kind"] = modelKind,
        };
        metadata[CheckpointChecksum.Key] = CheckpointChecksum.Compute(metadata, tensors);
        return (tensors, metadata);
    }

    /// <summary>A stored count: a 1 x 1 tensor holding a whole number in [0, 2^53] (doubles are exact up to there).</summary>
    private static long ReadCount(string source, string name, Tensor stored)
    {
        var v = stored.ToScalar();
        if (v < 0 || v != Math.Floor(v) || v > 9007199254740992d)
            throw Fail(source, $"tensor '{name}': step count {v.ToString(CultureInfo.InvariantCulture)} is not a whole number in [0, 2^53]");
        return (long)v;
    }

    private static (int Row, int Col)? FirstNonFinite(Tensor t)
    {
        if (t.AllFinite()) return null;
        var span = t.ToArray();
        for (var i = 0; i < span.Length; i++)
            if (!double.IsFinite(span[i])) return (i / t.Cols, i % t.Cols);
        return null;
    }

    private static InvalidDataException Fail(string source, string message, Exception? inner = null) => new($"{source}: {message}", inner);
}
