using System.CommandLine;
using System.CommandLine.Parsing;

namespace RepLearn.Cli;

/// <summary>replearn train {ae|dae|vae|contrastive}: trains a model, shows progress, writes a checkpoint and metrics.</summary>
internal static class TrainCommand
{
    /// <summary>The model kinds, from the core's table.</summary>
    public static readonly string[] Kinds = [.. Models.Kinds];

    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = string.Join(" | ", Kinds) };
        kind.AcceptOnlyFromAmong(Kinds);
        var data = Flags.Data();
        var epochs = Flags.Integer("--epochs", "total epochs (a resumed run continues up to this count)", 10);
        var batch = Flags.Integer("--batch-size", "samples per step (default 128; 256 for contrastive; a resumed run reuses the checkpoint's)", null);
        var lr = Flags.Number("--lr", "Adam learning rate (default 1e-3; a resumed run reuses the checkpoint's)", null);
        var latent = Flags.Integer("--latent", "code width (default 20 for vae, 32 for ae/dae, 64 for contrastive)", null);
        var hidden = new Option<string?>("--hidden") { Description = "hidden widths, comma-separated (default 400 for vae, 256 otherwise)" };
        var activation = new Option<string>("--activation") { Description = "relu | tanh | sigmoid | softplus | identity (between hidden layers)", DefaultValueFactory = _ => "relu" };
        activation.AcceptOnlyFromAmong("relu", "tanh", "sigmoid", "softplus", "identity");
        var likelihood = new Option<string?>("--likelihood") { Description = "bernoulli (data in [0, 1]; default for vae) | gaussian (default for ae/dae)" };
        likelihood.AcceptOnlyFromAmong("bernoulli", "gaussian");
        var beta = Flags.Number("--beta", "KL weight of the VAE (1 = VAE, > 1 = beta-VAE)", 1.0);
        var sigma = Flags.Number("--sigma", "DAE Gaussian noise standard deviation", 0.3);
        var tau = Flags.Number("--tau", "contrastive NT-Xent temperature", 0.1);
        var seed = Flags.Seed();
        var output = new Option<string?>("--out") { Description = "checkpoint file (default KIND.safetensors)" };
        var metrics = new Option<string?>("--metrics") { Description = "write one JSON object per epoch to this .jsonl file (appended to when resuming)" };
        var force = new Option<bool>("--force") { Description = "overwrite existing --out and --metrics files" };
        var resume = new Option<string?>("--resume") { Description = "continue training from this checkpoint (optimizer state included)" };
        var checkpointEvery = Flags.Integer("--checkpoint-every", "save the checkpoint after every N epochs (and at the end or an early stop)", 1);
        var command = new Command("train", "train a model and write a checkpoint")
            { kind, data, epochs, batch, lr, latent, hidden, activation, likelihood, beta, sigma, tau, seed, output, metrics, force, resume, checkpointEvery };
        command.SetAction(parse =>
        {
            var k = parse.GetValue(kind)!;
            bool Given(Option o) => parse.GetResult(o) is { Implicit: false };
            var request = new TrainRequest(
                Kind: k,
                Data: parse.GetValue(data)!,
                Epochs: Flags.AtLeast(parse.GetValue(epochs)!.Value, 1, "--epochs"),
                BatchSize: parse.GetValue(batch) is { } b ? Flags.AtLeast(b, k == "contrastive" ? 2 : 1, "--batch-size") : null,
                LearningRate: parse.GetValue(lr) is { } l ? Flags.Positive(l, "--lr") : null,
                Latent: Flags.AtLeast(parse.GetValue(latent) ?? (k switch { "vae" => 20, "contrastive" => 64, _ => 32 }), 1, "--latent"),
                Hidden: Flags.Widths(parse.GetValue(hidden) ?? (k == "vae" ? "400" : "256"), "--hidden"),
                Activation: Enum.Parse<Activation>(parse.GetValue(activation)!, ignoreCase: true),
                Likelihood: Enum.Parse<Likelihood>(parse.GetValue(likelihood) ?? (k == "vae" ? "bernoulli" : "gaussian"), ignoreCase: true),
                Beta: Flags.NonNegative(parse.GetValue(beta)!.Value, "--beta"),
                Sigma: Flags.Positive(parse.GetValue(sigma)!.Value, "--sigma"),
                Tau: Flags.Positive(parse.GetValue(tau)!.Value, "--tau"),
                Seed: Given(seed) ? parse.GetValue(seed) : null,
                Out: parse.GetValue(output) ?? $"{k}.safetensors",
                Metrics: parse.GetValue(metrics),
                Force: parse.GetValue(force),
                Resume: parse.GetValue(resume),
                CheckpointEvery: Flags.AtLeast(parse.GetValue(checkpointEvery)!.Value, 1, "--checkpoint-every"),
                ModelFlagsGiven: ModelFlags(parse, Given, latent, hidden, activation, likelihood, beta, sigma, tau));
            return TrainRun.Execute(request);
        });
        return command;
    }

    /// <summary>
    /// The model flags given explicitly, each with its value written as checkpoints store it, so that a resumed run
    /// can refuse a value that differs from the checkpoint's.
    /// </summary>
    private static IReadOnlyDictionary<string, string> ModelFlags(ParseResult parse, Func<Option, bool> given, Option<int?> latent, Option<string?> hidden,
        Option<string> activation, Option<string?> likelihood, Option<double?> beta, Option<double?> sigma, Option<double?> tau)
    {
        static string Number(double? v) => v!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var flags = new Dictionary<string, string>();
        if (given(latent)) flags[latent.Name] = parse.GetValue(latent)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (given(hidden)) flags[hidden.Name] = string.Join(",", Flags.Widths(parse.GetValue(hidden) ?? "", hidden.Name));
        if (given(activation)) flags[activation.Name] = parse.GetValue(activation)!.ToLowerInvariant();
        if (given(likelihood)) flags[likelihood.Name] = parse.GetValue(likelihood)!.ToLowerInvariant();
        if (given(beta)) flags[beta.Name] = Number(parse.GetValue(beta));
        if (given(sigma)) flags[sigma.Name] = Number(parse.GetValue(sigma));
        if (given(tau)) flags[tau.Name] = Number(parse.GetValue(tau));
        return flags;
    }
}

/// <summary>The checked arguments of a train command; null means "not given" (a default, or the checkpoint's value on --resume).</summary>
internal sealed record TrainRequest(string Kind, string Data, int Epochs, int? BatchSize, double? LearningRate, int Latent, int[] Hidden, Activation Activation,
    Likelihood Likelihood, double Beta, double Sigma, double Tau, long? Seed, string Out, string? Metrics, bool Force, string? Resume,
    int CheckpointEvery, IReadOnlyDictionary<string, string> ModelFlagsGiven);
