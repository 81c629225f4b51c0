using System.Collections.Immutable;
using System.Globalization;
using RepLearn.Functional.Checkpoints;
using NnActivation = RepLearn.Functional.Nn.Activation;

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
    private static ModelSetting LikelihoodSetting(string dflt) => new("likelihood", "--likelihood", dflt, "bernoulli (data in [0, 1]) | gaussian");

    private static ImmutableSortedDictionary<string, string> Common(int inputDim, ImmutableArray<int> hidden, NnActivation activation) =>
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
        InputDim = c => c.InputDim,
        RepresentationDim = c => c.LatentDim,
        UnitInterval = c => c.Likelihood == Likelihood.Bernoulli,
        ToMetadata = c => Common(c.InputDim, c.HiddenDims, c.Activation)
            .Add("latent_dim", CheckpointMetadata.Format(c.LatentDim))
            .Add("likelihood", CheckpointMetadata.Format(c.Likelihood))
            .Add("corruption", CheckpointMetadata.Format(c.Noise.Kind))
            .Add("corruption_amount", CheckpointMetadata.Format(c.Noise.Amount)),
        FromMetadata = h => new AutoencoderConfig(h.Int("input_dim"), h.Int("latent_dim"), h.Ints("hidden_dims"), h.Enum<NnActivation>("activation"),
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

    /// <summary>"vae": the variational autoencoder (Kingma and Welling 2014; Lecture 3).</summary>
    public static readonly ModelKind<VaeConfig, VaeParams> VaeKind = new()
    {
        Name = "vae",
        Description = "variational autoencoder: min -ELBO = E_q[-log p(x | z)] + beta KL(q || p)",
        Settings = [Latent("latent_dim", "20"), Hidden("400"), ActivationSetting, LikelihoodSetting("bernoulli"),
            new("beta", "--beta", "1", "KL weight of the VAE (1 = VAE, > 1 = beta-VAE)")],
        Fixed = ImmutableSortedDictionary<string, string>.Empty.Add("decoder_log_var", "0"),
        Validate = c => c.Validated(),
        Init = Vae.Init,
        ParameterCount = Vae.ParameterCount,
        ActivationBytes = Vae.ActivationBytes,
        Loss = Vae.Loss,
        MeanLoss = Vae.MeanNegativeElbo,
        Encode = (p, _, x) => Vae.Encode(p, x).Mean,
        InputDim = c => c.InputDim,
        RepresentationDim = c => c.LatentDim,
        UnitInterval = c => c.Likelihood == Likelihood.Bernoulli,
        ToMetadata = c => Common(c.InputDim, c.HiddenDims, c.Activation)
            .Add("latent_dim", CheckpointMetadata.Format(c.LatentDim))
            .Add("likelihood", CheckpointMetadata.Format(c.Likelihood))
            .Add("beta", CheckpointMetadata.Format(c.Beta))
            .Add("decoder_log_var", CheckpointMetadata.Format(c.DecoderLogVar)),
        FromMetadata = h => new VaeConfig(h.Int("input_dim"), h.Int("latent_dim"), h.Ints("hidden_dims"), h.Enum<NnActivation>("activation"),
            h.Enum<Likelihood>("likelihood"), h.Double("beta"), h.Double("decoder_log_var")),
    };

    /// <summary>"contrastive": SimCLR (Chen et al. 2020; Lecture 4).</summary>
    public static readonly ModelKind<ContrastiveConfig, ContrastiveParams> ContrastiveKind = new()
    {
        Name = "contrastive",
        Description = "SimCLR contrastive encoder: NT-Xent on two augmented views",
        Settings = [Latent("representation_dim", "64"), Hidden("256"), ActivationSetting,
            new("temperature", "--tau", "0.1", "contrastive NT-Xent temperature")],
        Derive = m => m.ContainsKey("projection_dim") || !int.TryParse(m.GetValueOrDefault("representation_dim"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var width) ? m
            : m.Add("projection_dim", CheckpointMetadata.Format(Math.Max(1, width / 2))),
        Validate = c => c.Validated(),
        Init = Contrastive.Init,
        ParameterCount = Contrastive.ParameterCount,
        ActivationBytes = Contrastive.ActivationBytes,
        Loss = Contrastive.Loss,
        MeanLoss = Contrastive.MeanLoss,
        Encode = (p, _, x) => Contrastive.Encode(p, x),
        InputDim = c => c.InputDim,
        RepresentationDim = c => c.RepresentationDim,
        UnitInterval = c => c.ImageSide is not null,
        ToMetadata = c => Common(c.InputDim, c.HiddenDims, c.Activation)
            .Add("representation_dim", CheckpointMetadata.Format(c.RepresentationDim))
            .Add("projection_dim", CheckpointMetadata.Format(c.ProjectionDim))
            .Add("temperature", CheckpointMetadata.Format(c.Temperature))
            .Add("image_side", CheckpointMetadata.Format(c.ImageSide ?? 0)),
        FromMetadata = h => new ContrastiveConfig(h.Int("input_dim"), h.Ints("hidden_dims"), h.Int("representation_dim"), h.Int("projection_dim"),
            h.Double("temperature"), h.Enum<NnActivation>("activation"), h.Int("image_side") is var s && s != 0 ? s : null),
    };

    /// <summary>Every kind, in the order help and docs list them.</summary>
    public static readonly ImmutableArray<ModelKind> All = [AeKind, DaeKind, VaeKind, ContrastiveKind];

    /// <summary>The kind named <paramref name="name"/>, or null.</summary>
    public static ModelKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
