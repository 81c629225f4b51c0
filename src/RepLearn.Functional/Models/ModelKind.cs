namespace RepLearn.Functional.Models;

/// <summary>A hyperparameter a model kind reads, as the CLI and the docs describe it.</summary>
/// <param name="Key">Its checkpoint metadata key ("latent_dim").</param>
/// <param name="Flag">The `replearn train` flag that sets it ("--latent").</param>
/// <param name="Default">The default, written as metadata stores it ("20").</param>
/// <param name="Description">One line for help and docs.</param>
public sealed record ModelSetting(string Key, string Flag, string Default, string Description);

/// <summary>
/// A model kind as the library, the facade, the CLI, checkpoints and docs see it: its name (the checkpoint's
/// <c>model_kind</c>), a description and its settings. The typed part is <see cref="ModelKind{TConfig, TParams}"/>;
/// <see cref="ModelKinds.All"/> lists every kind.
/// </summary>
public abstract class ModelKind
{
    /// <summary>The name stored as <c>model_kind</c> and typed after `replearn train` ("vae").</summary>
    public required string Name { get; init; }

    /// <summary>One line for help and docs.</summary>
    public required string Description { get; init; }

    /// <summary>The hyperparameters it reads, with their flags and defaults.</summary>
    public required ImmutableArray<ModelSetting> Settings { get; init; }

    /// <summary>Keys a fresh model of this kind always has that no flag sets (a DAE's "corruption" = "gaussian").</summary>
    public ImmutableSortedDictionary<string, string> Fixed { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Keys derived from the others when not given (a contrastive projection of half the representation width).</summary>
    public Func<ImmutableSortedDictionary<string, string>, ImmutableSortedDictionary<string, string>> Derive { get; init; } = m => m;

    /// <summary>
    /// The data fact <see cref="SettingsFor"/> adds when the number of training rows is known: the key a kind's
    /// <see cref="Derive"/> reads for a setting that depends on the training data (beta-TCVAE's <c>dataset_size</c>).
    /// </summary>
    public const string TrainRowsKey = "train_rows";

    /// <summary>
    /// The metadata a fresh model is built from, in the form checkpoints store it: <c>input_dim</c>, <c>image_side</c>
    /// (0 for none), <c>train_rows</c> when <paramref name="trainRows"/> is given (<see cref="TrainRowsKey"/>), each
    /// setting as <paramref name="given"/> by its key or else its default, the fixed keys, then the derived ones. The
    /// typed kind's <c>FromMetadata</c> turns it into a configuration, as when loading.
    /// </summary>
    public ImmutableSortedDictionary<string, string> SettingsFor(int inputDim, int? imageSide, IReadOnlyDictionary<string, string> given, int? trainRows = null)
    {
        var meta = Fixed.SetItem("input_dim", CheckpointMetadata.Format(inputDim)).SetItem("image_side", CheckpointMetadata.Format(imageSide ?? 0));
        if (trainRows is { } rows) meta = meta.SetItem(TrainRowsKey, CheckpointMetadata.Format(rows));
        foreach (var s in Settings) meta = meta.SetItem(s.Key, given.TryGetValue(s.Key, out var v) ? v : s.Default);
        foreach (var (k, v) in given) meta = meta.SetItem(k, v);
        return Derive(meta);
    }

    /// <summary>True when the kind is a latent-variable model whose log p(x) can be estimated (<see cref="ModelKind{TConfig, TParams}.LogMarginal"/>).</summary>
    public abstract bool HasLogMarginal { get; }

    /// <summary>Calls <paramref name="visitor"/> with this kind's config and parameter types.</summary>
    public abstract TResult Accept<TResult>(IModelKindVisitor<TResult> visitor);
}

/// <summary>
/// Everything needed to build, train, evaluate, save and load one kind of model, written once in its core module and
/// listed once in <see cref="ModelKinds"/>: a new model is a module plus one entry, and the facade, the CLI and
/// checkpoints read it from here.
/// </summary>
/// <typeparam name="TConfig">The configuration record.</typeparam>
/// <typeparam name="TParams">The parameter tree.</typeparam>
public sealed class ModelKind<TConfig, TParams> : ModelKind where TParams : ITree<TParams> where TConfig : class
{
    /// <summary>The configuration after checking every field (ArgumentOutOfRangeException naming it).</summary>
    public required Func<TConfig, TConfig> Validate { get; init; }

    /// <summary>Fresh parameters from a key.</summary>
    public required Func<Key, TConfig, TParams> Init { get; init; }

    /// <summary>Parameters Init creates, counted without allocating (saturating).</summary>
    public required Func<TConfig, long> ParameterCount { get; init; }

    /// <summary>Activation bytes of one training step on a batch of the given size (saturating).</summary>
    public required Func<TConfig, long, long> ActivationBytes { get; init; }

    /// <summary>The training objective.</summary>
    public required Func<TConfig, BatchLoss<TParams>> Loss { get; init; }

    /// <summary>The objective on a data set, mean per sample, with randomness from the key (the test loss).</summary>
    public required Func<TParams, TConfig, Tensor, Key, double> MeanLoss { get; init; }

    /// <summary>The representation of a batch.</summary>
    public required Func<TParams, TConfig, Tensor, Tensor> Encode { get; init; }

    /// <summary>Data width.</summary>
    public required Func<TConfig, int> InputDim { get; init; }

    /// <summary>Representation width.</summary>
    public required Func<TConfig, int> RepresentationDim { get; init; }

    /// <summary>True when the data must lie in [0, 1] (a Bernoulli decoder, pixel augmentations).</summary>
    public required Func<TConfig, bool> UnitInterval { get; init; }

    /// <summary>The configuration as checkpoint metadata (model keys only; the engine adds seed, epochs, recipe).</summary>
    public required Func<TConfig, ImmutableSortedDictionary<string, string>> ToMetadata { get; init; }

    /// <summary>The configuration read back strictly from metadata (validated by the caller with <see cref="Validate"/>).</summary>
    public required Func<CheckpointMetadata, TConfig> FromMetadata { get; init; }

    /// <summary>
    /// log p(x) per row (n x 1), estimated with the given number of importance samples and randomness from the key, for a
    /// latent-variable kind (the VAE family: <see cref="Iwae.LogMarginal"/>); null for a kind with no density.
    /// </summary>
    public Func<TParams, TConfig, Tensor, Key, int, Tensor>? LogMarginal { get; init; }

    /// <summary>
    /// The ONNX graph of the encoder (x -> the representation <see cref="Encode"/> returns), named by the string;
    /// null for a kind that cannot be exported.
    /// </summary>
    public Func<TParams, TConfig, string, Export.OnnxGraph>? OnnxEncoder { get; init; }

    /// <summary>The ONNX graph of the decoder (z -> the reconstruction mean), or null for a kind with no decoder.</summary>
    public Func<TParams, TConfig, string, Export.OnnxGraph>? OnnxDecoder { get; init; }

    /// <inheritdoc />
    public override bool HasLogMarginal => LogMarginal is not null;

    /// <inheritdoc />
    public override TResult Accept<TResult>(IModelKindVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// Something done with a <see cref="ModelKind"/> whose config and parameter types are known only to the kind itself
/// (loading whichever kind a checkpoint names): <see cref="ModelKind.Accept{TResult}"/> calls <see cref="Visit"/> with them.
/// </summary>
/// <typeparam name="TResult">What the visit returns.</typeparam>
public interface IModelKindVisitor<out TResult>
{
    /// <summary>The work, with the kind's types.</summary>
    TResult Visit<TConfig, TParams>(ModelKind<TConfig, TParams> kind) where TParams : ITree<TParams> where TConfig : class;
}
