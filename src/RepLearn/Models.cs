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
        if (Dedicated.TryGetValue(name, out var facade)) return facade.Load(path, memoryBudget);
        return ModelKinds.Find(name) is { } kind ? kind.Accept(new Loader(path, Budgets.Resolve(memoryBudget)))
            : throw new InvalidDataException($"{path}: unknown model_kind '{name}' (expected {string.Join(", ", Kinds)})");
    }

    /// <summary>
    /// A new model of the kind named <paramref name="kind"/> (one of <see cref="Kinds"/>) for rows of
    /// <paramref name="inputDim"/> values, its hyperparameters given as checkpoint metadata writes them, by key
    /// (<c>{"latent_dim": "16", "beta": "4"}</c>); a key not given takes the kind's default
    /// (<c>ModelKinds</c>' settings). This is how the CLI builds the model it trains. <paramref name="trainRows"/>, the
    /// number of rows the model will be trained on, fills the settings that depend on the training data when they are not
    /// given (tcvae's <c>dataset_size</c>; a tcvae needs one or the other). <paramref name="dtype"/> is the element type the
    /// model trains in (the CLI's --dtype).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An unknown kind (ParamName kind); a value not written as metadata is (ParamName the key); a value out of range
    /// (ParamName the configuration field, e.g. LatentDim); or a model over the memory budget (ParamName as the model's constructor names it).
    /// </exception>
    public static IRepresentationModel Create(string kind, int inputDim, IReadOnlyDictionary<string, string> settings, long seed = 0, int? imageSide = null,
        long? memoryBudget = null, int? trainRows = null, DType dtype = DType.Float64)
    {
        var k = ModelKinds.Find(kind) ?? throw new ArgumentException($"unknown model kind '{kind}' (use {string.Join(", ", Kinds)})", nameof(kind));
        var meta = new CheckpointMetadata(k.SettingsFor(inputDim, imageSide, Functional.Validation.Check.NotNull(settings, nameof(settings)), trainRows), "settings");
        return k.Accept(new Creator(meta, seed, Budgets.Resolve(memoryBudget), dtype.ToCore()));
    }

    /// <summary>A facade class of a kind's own (members beyond <see cref="IRepresentationModel"/>): how it loads and how it is built from a validated configuration.</summary>
    private sealed record Facade(Func<string, long?, IRepresentationModel> Load, Func<object, long, MemoryBudget, Functional.Tensors.DType, IRepresentationModel> Create);

    private static readonly Dictionary<string, Facade> Dedicated = new()
    {
        [ModelKinds.VaeKind.Name] = new(Vae.Load, (c, seed, b, t) => new Vae(Vae.Engine((VaeConfig)c, seed, b, t))),
        [ModelKinds.AeKind.Name] = new(Autoencoder.Load, (c, seed, b, t) => new Autoencoder(AutoencoderModel.Create(ModelKinds.AeKind, (AutoencoderConfig)c, seed, b, t))),
        [ModelKinds.DaeKind.Name] = new(DenoisingAutoencoder.Load,
            (c, seed, b, t) => new DenoisingAutoencoder(AutoencoderModel.Create(ModelKinds.DaeKind, (AutoencoderConfig)c, seed, b, t))),
        [ModelKinds.ContrastiveKind.Name] = new(ContrastiveEncoder.Load, (c, seed, b, t) => new ContrastiveEncoder(ContrastiveEncoder.Engine((ContrastiveConfig)c, seed, b, t))),
    };

    private sealed class Loader(string path, MemoryBudget budget) : IModelKindVisitor<IRepresentationModel>
    {
        public IRepresentationModel Visit<TConfig, TParams>(ModelKind<TConfig, TParams> kind) where TParams : ITree<TParams> where TConfig : class =>
            new RegisteredModel<TConfig, TParams>(ModelEngine<TConfig, TParams>.Load(kind, path, budget));
    }

    private sealed class Creator(CheckpointMetadata settings, long seed, MemoryBudget budget, Functional.Tensors.DType dtype) : IModelKindVisitor<IRepresentationModel>
    {
        public IRepresentationModel Visit<TConfig, TParams>(ModelKind<TConfig, TParams> kind) where TParams : ITree<TParams> where TConfig : class
        {
            TConfig config;
            try { config = kind.FromMetadata(settings); }
            catch (InvalidDataException e) { throw new ArgumentException(e.Message, e.Data[CheckpointMetadata.KeyData] as string ?? "settings", e); }
            config = kind.Validate(config);
            if (Dedicated.TryGetValue(kind.Name, out var facade)) return facade.Create(config, seed, budget, dtype);
            var count = kind.ParameterCount(config);
            budget.Require(MemoryFootprint.TrainingBytes(count), $"a {kind.Name} model of {MemoryBudget.ShowCount(count)} parameters", "settings", "to train");
            return new RegisteredModel<TConfig, TParams>(new ModelEngine<TConfig, TParams>(kind, config, seed, budget, dtype));
        }
    }
}
