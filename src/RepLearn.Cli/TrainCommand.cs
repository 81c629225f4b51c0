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
        var batch = Flags.Integer("--batch-size", "samples per step (default 128; 64 for contrastive; a resumed run reuses the checkpoint's)", null);
        var lr = Flags.Number("--lr", "Adam learning rate (default 1e-3; a resumed run reuses the checkpoint's)", null);
        var latent = Flags.Integer("--latent", Described("--latent"), null);
        var hidden = new Option<string?>("--hidden") { Description = Described("--hidden") };
        var activation = new Option<string>("--activation") { Description = Described("--activation"), DefaultValueFactory = _ => "relu" };
        activation.AcceptOnlyFromAmong("relu", "tanh", "sigmoid", "softplus", "identity");
        var likelihood = new Option<string?>("--likelihood") { Description = Described("--likelihood") };
        likelihood.AcceptOnlyFromAmong("bernoulli", "gaussian");
        var beta = Flags.Number("--beta", Described("--beta"), 1.0);
        var sigma = Flags.Number("--sigma", Described("--sigma"), 0.3);
        var tau = Flags.Number("--tau", Described("--tau"), 0.1);
        // Settings of kinds added to the table after these flags: a plain option each, its value passed as written.
        var known = new HashSet<string> { "--latent", "--hidden", "--activation", "--likelihood", "--beta", "--sigma", "--tau" };
        var extra = Functional.Models.ModelKinds.All.SelectMany(k => k.Settings).Select(s => s.Flag).Where(f => !known.Contains(f)).Distinct()
            .Select(f => new Option<string?>(f) { Description = Described(f) }).ToList();
        var seed = Flags.Seed();
        var output = new Option<string?>("--out") { Description = "checkpoint file (default KIND.safetensors)" };
        var metrics = new Option<string?>("--metrics") { Description = "write one JSON object per epoch to this .jsonl file (appended to when resuming)" };
        var force = new Option<bool>("--force") { Description = "overwrite existing --out and --metrics files" };
        var resume = new Option<string?>("--resume") { Description = "continue training from this checkpoint (optimizer state included)" };
        var checkpointEvery = Flags.Integer("--checkpoint-every", "save the checkpoint after every N epochs (and at the end or an early stop)", 1);
        var dtype = new Option<string?>("--dtype") { Description = "element type of the parameters and training arithmetic: float64 (default) or float32 (a resumed run keeps the checkpoint's)" };
        var command = new Command("train", "train a model and write a checkpoint")
            { kind, data, epochs, batch, lr, latent, hidden, activation, likelihood, beta, sigma, tau, seed, output, metrics, force, resume, checkpointEvery, dtype };
        foreach (var option in extra) command.Add(option);
        command.SetAction(parse =>
        {
            var k = parse.GetValue(kind)!;
            bool Given(Option o) => parse.GetResult(o) is { Implicit: false };
            // Range checks of the given values, naming the flag, before any work (defaults are the table's, valid).
            if (parse.GetValue(latent) is { } l0) Flags.AtLeast(l0, 1, "--latent");
            if (parse.GetValue(hidden) is { } h0) Flags.Widths(h0, "--hidden");
            Flags.NonNegative(parse.GetValue(beta)!.Value, "--beta");
            Flags.Positive(parse.GetValue(sigma)!.Value, "--sigma");
            Flags.Positive(parse.GetValue(tau)!.Value, "--tau");
            var request = new TrainRequest(
                Kind: k,
                Data: parse.GetValue(data)!,
                Epochs: Flags.AtLeast(parse.GetValue(epochs)!.Value, 1, "--epochs"),
                BatchSize: parse.GetValue(batch) is { } b ? Flags.AtLeast(b, k == "contrastive" ? 2 : 1, "--batch-size") : null,
                LearningRate: parse.GetValue(lr) is { } l ? Flags.Positive(l, "--lr") : null,
                Seed: Given(seed) ? parse.GetValue(seed) : null,
                Out: parse.GetValue(output) ?? $"{k}.safetensors",
                Metrics: parse.GetValue(metrics),
                Force: parse.GetValue(force),
                Resume: parse.GetValue(resume),
                CheckpointEvery: Flags.AtLeast(parse.GetValue(checkpointEvery)!.Value, 1, "--checkpoint-every"),
                DType: parse.GetValue(dtype) is { } t ? Flags.DType(t, "--dtype") : null,
                ModelFlagsGiven: ModelFlags(parse, Given, latent, hidden, activation, likelihood, beta, sigma, tau, extra));
            return TrainRun.Execute(request);
        });
        return command;
    }

    /// <summary>A model flag's help line from the table: its description and each kind's default.</summary>
    private static string Described(string flag)
    {
        var uses = Functional.Models.ModelKinds.All.SelectMany(k => k.Settings.Where(s => s.Flag == flag).Select(s => (Kind: k.Name, Setting: s))).ToList();
        var defaults = uses.GroupBy(u => u.Setting.Default).Select(g => $"{g.Key} for {string.Join("/", g.Select(u => u.Kind))}");
        return $"{uses[0].Setting.Description} (default {string.Join(", ", defaults)})";
    }

    /// <summary>
    /// The model flags given explicitly, each with its value written as checkpoints store it: the settings of the
    /// model to build, and what a resumed run compares with the checkpoint's values.
    /// </summary>
    private static IReadOnlyDictionary<string, string> ModelFlags(ParseResult parse, Func<Option, bool> given, Option<int?> latent, Option<string?> hidden,
        Option<string> activation, Option<string?> likelihood, Option<double?> beta, Option<double?> sigma, Option<double?> tau, IEnumerable<Option<string?>> extra)
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
        foreach (var option in extra)
            if (given(option)) flags[option.Name] = parse.GetValue(option) ?? "";
        return flags;
    }
}

/// <summary>
/// The checked arguments of a train command; null means "not given" (a default, or the checkpoint's value on --resume).
/// <paramref name="ModelFlagsGiven"/> maps each model flag given to its value as checkpoints store it; the kind's table
/// entry says which metadata key each flag sets and supplies the defaults. <paramref name="DType"/> is --dtype (null: float64,
/// or the checkpoint's on --resume).
/// </summary>
internal sealed record TrainRequest(string Kind, string Data, int Epochs, int? BatchSize, double? LearningRate, long? Seed, string Out, string? Metrics,
    bool Force, string? Resume, int CheckpointEvery, DType? DType, IReadOnlyDictionary<string, string> ModelFlagsGiven)
{
    /// <summary>The table entry of <see cref="Kind"/>.</summary>
    public Functional.Models.ModelKind ModelKind => Functional.Models.ModelKinds.Find(Kind)!;

    /// <summary>The given model flags as the kind's settings: metadata key to value; flags the kind does not read are left out.</summary>
    public IReadOnlyDictionary<string, string> Settings =>
        ModelKind.Settings.Where(s => ModelFlagsGiven.ContainsKey(s.Flag)).ToDictionary(s => s.Key, s => ModelFlagsGiven[s.Flag]);
}
