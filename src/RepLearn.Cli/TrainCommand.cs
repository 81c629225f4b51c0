using System.CommandLine;

namespace RepLearn.Cli;

/// <summary>replearn train {ae|dae|vae|contrastive}: trains a model, shows progress, writes a checkpoint and metrics.</summary>
internal static class TrainCommand
{
    public static readonly string[] Kinds = ["ae", "dae", "vae", "contrastive"];

    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "ae | dae | vae | contrastive" };
        kind.AcceptOnlyFromAmong(Kinds);
        var data = Flags.Data();
        var epochs = new Option<int>("--epochs") { Description = "total epochs (a resumed run continues up to this count)", DefaultValueFactory = _ => 10 };
        var batch = new Option<int?>("--batch-size") { Description = "samples per step (default 128; 256 for contrastive)" };
        var lr = Flags.Number("--lr", "Adam learning rate", 1e-3);
        var latent = new Option<int?>("--latent") { Description = "code width (default 20 for vae, 32 for ae/dae, 64 for contrastive)" };
        var hidden = new Option<string?>("--hidden") { Description = "hidden widths, comma-separated (default 400 for vae, 256 otherwise)" };
        var activation = new Option<string>("--activation") { Description = "relu | tanh | sigmoid | softplus | identity (between hidden layers)", DefaultValueFactory = _ => "relu" };
        activation.AcceptOnlyFromAmong("relu", "tanh", "sigmoid", "softplus", "identity");
        var beta = Flags.Number("--beta", "KL weight of the VAE (1 = VAE, > 1 = beta-VAE)", 1.0);
        var sigma = Flags.Number("--sigma", "DAE Gaussian noise standard deviation", 0.3);
        var tau = Flags.Number("--tau", "contrastive NT-Xent temperature", 0.1);
        var seed = Flags.Seed();
        var output = new Option<string?>("--out") { Description = "checkpoint file (default KIND.safetensors)" };
        var metrics = new Option<string?>("--metrics") { Description = "write one JSON object per epoch to this .jsonl file" };
        var force = new Option<bool>("--force") { Description = "overwrite existing --out and --metrics files" };
        var resume = new Option<string?>("--resume") { Description = "continue training from this checkpoint (optimizer state included)" };
        var command = new Command("train", "train a model and write a checkpoint") { kind, data, epochs, batch, lr, latent, hidden, activation, beta, sigma, tau, seed, output, metrics, force, resume };
        command.SetAction(parse =>
        {
            var k = parse.GetValue(kind)!;
            var request = new TrainRequest(
                Kind: k,
                Data: parse.GetValue(data)!,
                Epochs: Flags.AtLeast(parse.GetValue(epochs), 1, "--epochs"),
                BatchSize: Flags.AtLeast(parse.GetValue(batch) ?? (k == "contrastive" ? 256 : 128), k == "contrastive" ? 2 : 1, "--batch-size"),
                LearningRate: Flags.Positive(parse.GetValue(lr), "--lr"),
                Latent: Flags.AtLeast(parse.GetValue(latent) ?? (k switch { "vae" => 20, "contrastive" => 64, _ => 32 }), 1, "--latent"),
                Hidden: Flags.Widths(parse.GetValue(hidden) ?? (k == "vae" ? "400" : "256"), "--hidden"),
                Activation: Enum.Parse<Activation>(parse.GetValue(activation)!, ignoreCase: true),
                Beta: Flags.NonNegative(parse.GetValue(beta), "--beta"),
                Sigma: Flags.Positive(parse.GetValue(sigma), "--sigma"),
                Tau: Flags.Positive(parse.GetValue(tau), "--tau"),
                Seed: parse.GetValue(seed),
                Out: parse.GetValue(output) ?? $"{k}.safetensors",
                Metrics: parse.GetValue(metrics),
                Force: parse.GetValue(force),
                Resume: parse.GetValue(resume));
            return TrainRun.Execute(request);
        });
        return command;
    }
}

/// <summary>The checked arguments of a train command.</summary>
internal sealed record TrainRequest(string Kind, string Data, int Epochs, int BatchSize, double LearningRate, int Latent, int[] Hidden, Activation Activation,
    double Beta, double Sigma, double Tau, long Seed, string Out, string? Metrics, bool Force, string? Resume);
