using RepLearn.Functional.Checkpoints;
using RepLearn.Functional.Models;
using RepLearn.Functional.Resources;
using RepLearn.Functional.Trees;

namespace RepLearn;

/// <summary>Loading a checkpoint of any model kind (the kinds are the core's table, <see cref="ModelKinds"/>).</summary>
public static class Models
{
    /// <summary>The names of the model kinds, as checkpoints store them ("ae", "dae", "vae", "contrastive", ...).</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. ModelKinds.All.Select(k => k.Name)];

    /// <summary>The model kind stored in a checkpoint's metadata (one of <see cref="Kinds"/>).</summary>
    public static string KindOf(string path) =>
        Metadata(path).TryGetValue("model_kind", out var kind) ? kind
            : throw new InvalidDataException($"{path}: metadata has no model_kind; not a RepLearn checkpoint");

    /// <summary>
    /// A checkpoint's metadata (model kind, hyperparameters, the last training options such as batch_size and
    /// learning_rate), read from the header alone.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Metadata(string path)
    {
        using var stream = File.OpenRead(path);
        return Safetensors.ReadHeader(stream, stream.Length, path).Metadata;
    }

    /// <summary>
    /// What loading the checkpoint should tell the user that is not an error, from the header alone; empty for a
    /// file of the current format. A file written by format version 1 gives "written by format version 1: its
    /// checksum covers the tensors only, not the metadata" (it loads, but changed metadata would go unnoticed).
    /// </summary>
    /// <exception cref="InvalidDataException">Not a RepLearn checkpoint, or a format version this library does not read.</exception>
    public static IReadOnlyList<string> LoadNotes(string path) => Checkpoint.Notes(Metadata(path), path);

    /// <summary>
    /// The training options the checkpoint recorded at its last Fit (BatchSize, LearningRate, WeightDecay, ClipNorm,
    /// Optimizer; Epochs is the <see cref="TrainOptions"/> default), or null when it recorded none. Read from the header alone.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// Not a RepLearn checkpoint, or batch_size, learning_rate, weight_decay or clip_norm is present but not a valid number
    /// (batch_size an integer &gt;= 1, learning_rate &gt; 0, weight_decay &gt;= 0, clip_norm &gt; 0, all finite); the message
    /// names the file, the key and the value.
    /// </exception>
    public static TrainOptions? SavedTrainOptions(string path)
    {
        var metadata = Metadata(path);
        Checkpoint.Notes(metadata, path);
        return TrainOptions.Saved(new CheckpointMetadata(metadata, path));
    }

    /// <summary>
    /// Loads whichever model the checkpoint holds: a <see cref="Vae"/>, <see cref="Autoencoder"/>,
    /// <see cref="DenoisingAutoencoder"/> or <see cref="ContrastiveEncoder"/>, or for another kind of the core's table an
    /// <see cref="IRepresentationModel"/> over it. A model that needs more memory to train than
    /// <paramref name="memoryBudget"/> (bytes; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory)
    /// is refused with <see cref="InvalidDataException"/> before it is allocated.
    /// </summary>
    public static IRepresentationModel Load(string path, long? memoryBudget = null)
    {
        var name = KindOf(path);
        if (Dedicated.TryGetValue(name, out var load)) return load(path, memoryBudget);
        return ModelKinds.Find(name) is { } kind ? kind.Accept(new Loader(path, Budgets.Resolve(memoryBudget)))
            : throw new InvalidDataException($"{path}: unknown model_kind '{name}' (expected {string.Join(", ", Kinds)})");
    }

    /// <summary>The kinds with a facade class of their own (members beyond <see cref="IRepresentationModel"/>).</summary>
    private static readonly Dictionary<string, Func<string, long?, IRepresentationModel>> Dedicated = new()
    {
        [ModelKinds.VaeKind.Name] = Vae.Load,
        [ModelKinds.AeKind.Name] = Autoencoder.Load,
        [ModelKinds.DaeKind.Name] = DenoisingAutoencoder.Load,
        [ModelKinds.ContrastiveKind.Name] = ContrastiveEncoder.Load,
    };

    private sealed class Loader(string path, MemoryBudget budget) : IModelKindVisitor<IRepresentationModel>
    {
        public IRepresentationModel Visit<TConfig, TParams>(ModelKind<TConfig, TParams> kind) where TParams : ITree<TParams> where TConfig : class =>
            new RegisteredModel<TConfig, TParams>(ModelEngine<TConfig, TParams>.Load(kind, path, budget));
    }
}
