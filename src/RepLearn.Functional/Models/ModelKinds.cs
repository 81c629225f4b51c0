namespace RepLearn.Functional.Models;

/// <summary>
/// The model table: every model kind the library trains, saves and loads, one entry each. The facade's
/// <c>Models.Load</c>, the CLI's `train KIND` (its kinds, flags and help) and checkpoint loading read this table.
/// To add a model: write its core module (config, params, Init, Loss, ...) and add one entry here and to <see cref="All"/>.
/// </summary>
public static class ModelKinds
{
    private static ModelSetting Latent(string key, string dflt) => new(key, "--latent", dflt, "code width");
    private static ModelSetting Hidden(string dflt) => new("hidden_dims", "--hidden", dflt, "hidden widths, comma-separated");
    private static readonly ModelSetting ActivationSetting = new("activation", "--activation", "relu", "relu | tanh | sigmoid | softplus | identity (between hidden layers)");
    private const string BetaDescription = "KL weight of the VAE (1 = VAE, > 1 = beta-VAE); tcvae: the weight of the total correlation alone";
    private static ModelSetting LikelihoodSetting(string dflt) => new("likelihood", "--likelihood", dflt, "bernoulli (data in [0, 1]) | gaussian");

    private static ImmutableSortedDictionary<string, string> Common(int inputDim, ImmutableArray<int> hidden, Activation activation) =>
        ImmutableSortedDictionary<string, string>.Empty
            .Add("input_dim", CheckpointMetadata.Format(inputDim))
            .Add("hidden_dims", CheckpointMetadata.Format(hidden))
            .Add("activation", CheckpointMetadata.Format(activation));

    private static ModelKind<AutoencoderConfig, AutoencoderParams> AutoencoderKind(string name, string description,
        ImmutableSortedDictionary<string, string> fixedKeys, params ModelSetting[] extra) => new()
    {
        Name = name,
        Description = description,
        Fixed = fixedKeys,
        Settings = [Latent("latent_dim", "32"), Hidden("256"), ActivationSetting, LikelihoodSetting("gaussian"), .. extra],
        Validate = c => c.Validated(),
        Init = Autoencoder.Init,
        ParameterCount = Autoencoder.ParameterCount,
        ActivationBytes = Autoencoder.ActivationBytes,
        Loss = Autoencoder.Loss,
        MeanLoss = Autoencoder.MeanLoss,
        Encode = (p, _, x) => Autoencoder.Encode(p, x),
        OnnxEncoder = (p, _, name) => OnnxExport.Encoder(p, name),
        OnnxDecoder = (p, c, name) => OnnxExport.Decoder(p, c.Likelihood, name),
        InputDim = c => c.InputDim,
        RepresentationDim = c => c.LatentDim,
        UnitInterval = c => c.Likelihood == Likelihood.Bernoulli,
        ToMetadata = c => Common(c.InputDim, c.HiddenDims, c.Activation)
            .Add("latent_dim", CheckpointMetadata.Format(c.LatentDim))
            .Add("likelihood", CheckpointMetadata.Format(c.Likelihood))
            .Add("corruption", CheckpointMetadata.Format(c.Noise.Kind))
            .Add("corruption_amount", CheckpointMetadata.Format(c.Noise.Amount)),
        FromMetadata = h => new AutoencoderConfig(h.Int("input_dim"), h.Int("latent_dim"), h.Ints("hidden_dims"), h.Enum<Activation>("activation"),
            h.Enum<Likelihood>("likelihood"), h.Enum<CorruptionKind>("corruption") switch
            {
                CorruptionKind.Gaussian => Corruption.Gaussian(h.Double("corruption_amount")),
                CorruptionKind.Masking => Corruption.Masking(h.Double("corruption_amount")),
                _ => Corruption.None,
            }),
    };

    /// <summary>"ae": the MLP autoencoder (Lecture 2).</summary>
    public static readonly ModelKind<AutoencoderConfig, AutoencoderParams> AeKind = AutoencoderKind("ae", "autoencoder: min E ||x - g(f(x))||^2",
        ImmutableSortedDictionary<string, string>.Empty.Add("corruption", "none").Add("corruption_amount", "0"));

    /// <summary>"dae": the denoising autoencoder (Vincent et al. 2008); the same module with a corruption.</summary>
    public static readonly ModelKind<AutoencoderConfig, AutoencoderParams> DaeKind = AutoencoderKind("dae", "denoising autoencoder: min E ||x - g(f(x~))||^2",
        ImmutableSortedDictionary<string, string>.Empty.Add("corruption", "gaussian"),
        new ModelSetting("corruption_amount", "--sigma", "0.3", "DAE Gaussian noise standard deviation"));

    // The VAE family (vae, iwae, tcvae) shares the VAE's network: its settings and metadata keys, its parameters, its
    // encoder (the posterior mean), its ONNX graphs and the log p(x) estimate. An entry gives its objective and own keys.
    private static ImmutableArray<ModelSetting> VaeNetwork => [Latent("latent_dim", "20"), Hidden("400"), ActivationSetting, LikelihoodSetting("bernoulli")];

    private static ImmutableSortedDictionary<string, string> VaeNetworkMetadata(VaeConfig c) => Common(c.InputDim, c.HiddenDims, c.Activation)
        .Add("latent_dim", CheckpointMetadata.Format(c.LatentDim))
        .Add("likelihood", CheckpointMetadata.Format(c.Likelihood))
        .Add("decoder_log_var", CheckpointMetadata.Format(c.DecoderLogVar));

    private static VaeConfig VaeNetworkFrom(CheckpointMetadata h) => new(h.Int("input_dim"), h.Int("latent_dim"), h.Ints("hidden_dims"),
        h.Enum<Activation>("activation"), h.Enum<Likelihood>("likelihood"), 1.0, h.Double("decoder_log_var"));

    /// <summary>
    /// A kind of the VAE family whose config holds the VAE's network (<paramref name="network"/>): the settings are the
    /// network's then <paramref name="settings"/>; <paramref name="metadata"/> adds the kind's own keys to the network's, and
    /// <paramref name="fromMetadata"/> reads them back around the network read from the network's keys (Beta 1).
    /// </summary>
    private static ModelKind<TConfig, VaeParams> VaeFamilyKind<TConfig>(string name, string description, Func<TConfig, VaeConfig> network,
        ImmutableArray<ModelSetting> settings, Func<TConfig, TConfig> validate, Func<TConfig, long, long> activationBytes,
        Func<TConfig, BatchLoss<VaeParams>> loss, Func<VaeParams, TConfig, Tensor, Key, double> meanLoss,
        Func<ImmutableSortedDictionary<string, string>, TConfig, ImmutableSortedDictionary<string, string>> metadata,
        Func<VaeConfig, CheckpointMetadata, TConfig> fromMetadata,
        Func<ImmutableSortedDictionary<string, string>, ImmutableSortedDictionary<string, string>>? derive = null)
        where TConfig : class => new()
    {
        Name = name,
        Description = description,
        Settings = [.. VaeNetwork, .. settings],
        Fixed = ImmutableSortedDictionary<string, string>.Empty.Add("decoder_log_var", "0"),
        Derive = derive ?? (m => m),
        Validate = validate,
        Init = (key, c) => Vae.Init(key, network(c)),
        ParameterCount = c => Vae.ParameterCount(network(c)),
        ActivationBytes = activationBytes,
        Loss = loss,
        MeanLoss = meanLoss,
        LogMarginal = (p, c, x, key, k) => Iwae.LogMarginal(p, network(c), x, key, k),
        OnnxEncoder = (p, _, graphName) => OnnxExport.Encoder(p, graphName),
        OnnxDecoder = (p, c, graphName) => OnnxExport.Decoder(p, network(c).Likelihood, graphName),
        Encode = (p, _, x) => Vae.Encode(p, x).Mean,
        InputDim = c => network(c).InputDim,
        RepresentationDim = c => network(c).LatentDim,
        UnitInterval = c => network(c).Likelihood == Likelihood.Bernoulli,
        ToMetadata = c => metadata(VaeNetworkMetadata(network(c)), c),
        FromMetadata = h => fromMetadata(VaeNetworkFrom(h), h),
    };

    /// <summary>"vae": the variational autoencoder (Kingma and Welling 2014; Lecture 3).</summary>
    public static readonly ModelKind<VaeConfig, VaeParams> VaeKind = VaeFamilyKind<VaeConfig>(
        name: "vae",
        description: "variational autoencoder: min -ELBO = E_q[-log p(x | z)] + beta KL(q || p)",
        network: c => c,
        settings: [new("beta", "--beta", "1", BetaDescription)],
        validate: c => c.Validated(),
        activationBytes: Vae.ActivationBytes,
        loss: Vae.Loss,
        meanLoss: Vae.MeanNegativeElbo,
        metadata: (m, c) => m.Add("beta", CheckpointMetadata.Format(c.Beta)),
        fromMetadata: (network, h) => network with { Beta = h.Double("beta") });

    /// <summary>"iwae": the importance-weighted autoencoder (Burda et al. 2016; Lecture 3), a VAE trained on the k-sample bound.</summary>
    public static readonly ModelKind<IwaeConfig, VaeParams> IwaeKind = VaeFamilyKind<IwaeConfig>(
        name: "iwae",
        description: "importance-weighted autoencoder: max L_k = E[log (1/k) sum_i p(x, z_i) / q(z_i | x)]",
        network: c => c.Vae,
        settings: [new("samples", "--samples", "5", "IWAE importance samples k per data point in training")],
        validate: c => c.Validated(),
        activationBytes: Iwae.ActivationBytes,
        loss: Iwae.Loss,
        meanLoss: Iwae.MeanNegativeBound,
        metadata: (m, c) => m.Add("samples", CheckpointMetadata.Format(c.Samples)),
        fromMetadata: (network, h) => new IwaeConfig(network, h.Int("samples")));

    /// <summary>
    /// "tcvae": the beta-TCVAE (Chen et al. 2018; Lecture 3), a VAE whose KL is split into index-code MI, total correlation
    /// and dimension-wise KL, weighted alpha, beta, gamma. Its dataset_size is the training data's row count unless given.
    /// </summary>
    public static readonly ModelKind<TcVaeConfig, VaeParams> TcVaeKind = VaeFamilyKind<TcVaeConfig>(
        name: "tcvae",
        description: "beta-TCVAE: min E_q[-log p(x | z)] + alpha MI + beta TC + gamma dimension-wise KL",
        network: c => c.Vae,
        settings: [
            new("beta", "--beta", "6", BetaDescription),
            new("alpha", "--alpha", "1", "beta-TCVAE weight of the index-code mutual information"),
            new("gamma", "--gamma", "1", "beta-TCVAE weight of the dimension-wise KL"),
            new("estimator", "--estimator", "minibatchweighted", "beta-TCVAE estimator of q(z): minibatchweighted | minibatchstratified")],
        derive: m => m.ContainsKey("dataset_size") || !m.TryGetValue(ModelKind.TrainRowsKey, out var rows) ? m : m.Add("dataset_size", rows),
        validate: c => c.Validated(),
        activationBytes: TcVae.ActivationBytes,
        loss: TcVae.Loss,
        meanLoss: TcVae.MeanLoss,
        metadata: (m, c) => m
            .Add("dataset_size", CheckpointMetadata.Format(c.DatasetSize))
            .Add("beta", CheckpointMetadata.Format(c.Beta))
            .Add("alpha", CheckpointMetadata.Format(c.Alpha))
            .Add("gamma", CheckpointMetadata.Format(c.Gamma))
            .Add("estimator", CheckpointMetadata.Format(c.Estimator)),
        fromMetadata: (network, h) => new TcVaeConfig(network, h.Int("dataset_size"), h.Double("beta"), h.Double("alpha"), h.Double("gamma"),
            h.Enum<AggregatePosteriorEstimator>("estimator")));

    /// <summary>"contrastive": SimCLR (Chen et al. 2020; Lecture 4).</summary>
    public static readonly ModelKind<ContrastiveConfig, ContrastiveParams> ContrastiveKind = new()
    {
        Name = "contrastive",
        Description = "SimCLR contrastive encoder: NT-Xent on two augmented views",
        // The defaults are the recipe measured in docs/lecture-4-contrastive.md ("Choosing the views"): a 2048-wide encoder,
        // a 256 -> 64 head, tau 0.2 and the strong views for images (batches of 64: the CLI's contrastive default).
        Settings = [Latent("representation_dim", "64"), Hidden("2048"), ActivationSetting,
            new("temperature", "--tau", "0.2", "contrastive NT-Xent temperature"),
            new("projection_dim", "--projection", "64", "contrastive projection width (what NT-Xent sees)"),
            new("projection_hidden_dim", "--head-hidden", "256", "contrastive projection head's hidden width"),
            new("augmentation", "--augment", Auto, "contrastive image views: auto (strong for images) | strong (crops, rotations, elastic distortion, noise, masking) | light (shifts, rotations, noise, masking)")],
        // "auto" is what a fresh model asks for: the strong views for images; other rows have only the tabular views (no key: light).
        Derive = m => m.GetValueOrDefault("augmentation") != Auto ? m
            : m.GetValueOrDefault("image_side") is null or "0" ? m.Remove("augmentation") : m.SetItem("augmentation", CheckpointMetadata.Format(ImageAugmentation.Strong)),
        Validate = c => c.Validated(),
        Init = Contrastive.Init,
        ParameterCount = Contrastive.ParameterCount,
        ActivationBytes = Contrastive.ActivationBytes,
        Loss = Contrastive.Loss,
        MeanLoss = Contrastive.MeanLoss,
        Encode = (p, _, x) => Contrastive.Encode(p, x),
        OnnxEncoder = (p, _, name) => OnnxExport.Encoder(p, name),
        InputDim = c => c.InputDim,
        RepresentationDim = c => c.RepresentationDim,
        UnitInterval = c => c.ImageSide is not null,
        ToMetadata = c => Common(c.InputDim, c.HiddenDims, c.Activation)
            .Add("representation_dim", CheckpointMetadata.Format(c.RepresentationDim))
            .Add("projection_dim", CheckpointMetadata.Format(c.ProjectionDim))
            .Add("temperature", CheckpointMetadata.Format(c.Temperature))
            .Add("image_side", CheckpointMetadata.Format(c.ImageSide ?? 0))
            .AddIf(c.Augmentation != ImageAugmentation.Light, "augmentation", CheckpointMetadata.Format(c.Augmentation))
            .AddIf(c.ProjectionHiddenDim is not null, "projection_hidden_dim", CheckpointMetadata.Format(c.HeadHiddenDim)),
        FromMetadata = h => new ContrastiveConfig(h.Int("input_dim"), h.Ints("hidden_dims"), h.Int("representation_dim"), h.Int("projection_dim"),
            h.Double("temperature"), h.Enum<Activation>("activation"), h.Int("image_side") is var s && s != 0 ? s : null,
            h.Has("augmentation") ? h.Enum<ImageAugmentation>("augmentation") : ImageAugmentation.Light,
            h.Has("projection_hidden_dim") ? h.Int("projection_hidden_dim") : null),
    };

    // A key written only when it says something a checkpoint without it does not mean (older checkpoints keep their bytes).
    private static ImmutableSortedDictionary<string, string> AddIf(this ImmutableSortedDictionary<string, string> meta, bool write, string key, string value) =>
        write ? meta.Add(key, value) : meta;

    private const string Auto = "auto";

    /// <summary>Every kind, in the order help and docs list them.</summary>
    public static readonly ImmutableArray<ModelKind> All = [AeKind, DaeKind, VaeKind, IwaeKind, TcVaeKind, ContrastiveKind];

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public static ModelKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
