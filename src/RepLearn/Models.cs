using RepLearn.Functional.Checkpoints;

namespace RepLearn;

/// <summary>Loading a checkpoint of any model kind.</summary>
public static class Models
{
    /// <summary>The model kind stored in a checkpoint's metadata ("ae", "dae", "vae" or "contrastive").</summary>
    public static string KindOf(string path)
    {
        using var stream = File.OpenRead(path);
        var header = Safetensors.ReadHeader(stream, stream.Length, path);
        return header.Metadata.TryGetValue("model_kind", out var kind) ? kind
            : throw new InvalidDataException($"{path}: metadata has no model_kind; not a RepLearn checkpoint");
    }

    /// <summary>Loads whichever model the checkpoint holds.</summary>
    public static IRepresentationModel Load(string path) => KindOf(path) switch
    {
        Vae.KindName => Vae.Load(path),
        Autoencoder.KindName => Autoencoder.Load(path),
        DenoisingAutoencoder.KindName => DenoisingAutoencoder.Load(path),
        ContrastiveEncoder.KindName => ContrastiveEncoder.Load(path),
        var other => throw new InvalidDataException($"{path}: unknown model_kind '{other}' (expected ae, dae, vae or contrastive)"),
    };
}
