using RepLearn.Functional.Checkpoints;

namespace RepLearn;

/// <summary>Loading a checkpoint of any model kind.</summary>
public static class Models
{
    /// <summary>The model kind stored in a checkpoint's metadata ("ae", "dae", "vae" or "contrastive").</summary>
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
    /// Loads whichever model the checkpoint holds. A model that needs more memory to train than
    /// <paramref name="memoryBudget"/> (bytes; null: <c>REPLEARN_MEMORY_BUDGET</c>, else half the available memory)
    /// is refused with <see cref="InvalidDataException"/> before it is allocated.
    /// </summary>
    public static IRepresentationModel Load(string path, long? memoryBudget = null) => KindOf(path) switch
    {
        Vae.KindName => Vae.Load(path, memoryBudget),
        Autoencoder.KindName => Autoencoder.Load(path, memoryBudget),
        DenoisingAutoencoder.KindName => DenoisingAutoencoder.Load(path, memoryBudget),
        ContrastiveEncoder.KindName => ContrastiveEncoder.Load(path, memoryBudget),
        var other => throw new InvalidDataException($"{path}: unknown model_kind '{other}' (expected ae, dae, vae or contrastive)"),
    };
}
