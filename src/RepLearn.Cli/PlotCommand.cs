using Spectre.Console;

namespace RepLearn.Cli;

/// <summary>
/// replearn plot MODEL --out DIR: PNGs of reconstructions beside inputs, latent traversals, a 2-D latent scatter
/// coloured by label, and the loss curve from a metrics file.
/// </summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "a checkpoint written by replearn train" };
        var data = Flags.Data();
        var seed = Flags.Seed();
        var output = new Option<string>("--out") { Description = "folder for the PNG files (created if missing)", DefaultValueFactory = _ => "plots" };
        var metrics = new Option<string?>("--metrics") { Description = "a metrics .jsonl file from replearn train, for the loss curve" };
        var command = new Command("plot", "draw reconstructions, traversals, the latent space and the loss curve") { model, data, seed, output, metrics };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            if (!File.Exists(path)) throw new UsageException($"model {path}: no such file");
            var metricsPath = parse.GetValue(metrics);
            if (metricsPath is not null && !File.Exists(metricsPath)) throw new UsageException($"--metrics {metricsPath}: no such file");
            var m = Models.Load(path);
            var d = DataSource.Load(parse.GetValue(data)!, parse.GetValue(seed));
            if (d.Width != m.InputDim) throw new UsageException($"--data has rows of width {d.Width}; the model expects {m.InputDim}");
            var folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var written = Plots.All(m, d, folder, metricsPath);
            foreach (var file in written) AnsiConsole.WriteLine(file);
            return 0;
        });
        return command;
    }
}
