using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RepLearn.Cli;
using Spectre.Console;
using Xunit;

namespace RepLearn.Tests.Cli;

/// <summary>Tests that redirect the process-wide console run one at a time, never beside another test.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>What a CLI run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    /// <summary>stderr split into non-empty lines.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Err}";
}

/// <summary>
/// Runs the CLI in-process with stdout and stderr captured, and writes small data sets for it: a CSV file
/// (no test split) and an MNIST-layout folder of 8 x 8 images with a test split and labels.
/// </summary>
internal static class CliHarness
{
    /// <summary>
    /// Runs <c>replearn args</c>. Console.Out/Error are redirected; so is Spectre's AnsiConsole, which otherwise keeps
    /// the writer that Console.Out was when it was first used (a previous test's), and is made non-interactive
    /// so that training prints one plain line per epoch. Everything is restored afterwards.
    /// </summary>
    public static CliResult Run(params string[] args) => Capture(() => RepLearn.Cli.Cli.Run(RepLearn.Cli.Cli.CreateRoot(), args));

    /// <summary>Runs <paramref name="command"/> (returning an exit code) with the console captured as <see cref="Run"/> does.</summary>
    public static CliResult Capture(Func<int> command)
    {
        var (oldOut, oldErr, oldAnsi) = (Console.Out, Console.Error, AnsiConsole.Console);
        var (stdout, stderr) = (new StringWriter(CultureInfo.InvariantCulture), new StringWriter(CultureInfo.InvariantCulture));
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stdout),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            AnsiConsole.Profile.Width = 200;
            var code = command();
            return new CliResult(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            AnsiConsole.Console = oldAnsi;
        }
    }

    /// <summary>A CSV of <paramref name="rows"/> x 16 values in [0, 1] with a header row and no label column.</summary>
    public static string WriteCsv(string path, int rows = 192)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", Enumerable.Range(0, 16).Select(j => $"f{j}")));
        for (var i = 0; i < rows; i++)
            text.AppendLine(string.Join(",", Enumerable.Range(0, 16).Select(j =>
                (0.5 + 0.45 * Math.Sin(0.37 * i + 1.3 * j + (i % 3) * j)).ToString("0.####", CultureInfo.InvariantCulture))));
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>
    /// An MNIST-layout folder (raw IDX files) of 8 x 8 images: label 0 a horizontal bar, label 1 a vertical bar,
    /// at a position that varies with the index; <paramref name="train"/> training and <paramref name="test"/> test images.
    /// </summary>
    public static string WriteImageFolder(string folder, int train = 128, int test = 32)
    {
        Directory.CreateDirectory(folder);
        WritePair(folder, "train", train, offset: 0);
        WritePair(folder, "t10k", test, offset: 1000);
        return folder;
    }

    private static void WritePair(string folder, string prefix, int count, int offset)
    {
        const int side = 8;
        var images = new byte[16 + count * side * side];
        BinaryPrimitives.WriteInt32BigEndian(images, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), side);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), side);
        var labels = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(labels, 0x0801);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), count);
        for (var n = 0; n < count; n++)
        {
            var i = n + offset;
            var label = i % 2;
            var at = (i * 5 / 2) % side;
            labels[8 + n] = (byte)label;
            for (var y = 0; y < side; y++)
                for (var x = 0; x < side; x++)
                    images[16 + n * side * side + y * side + x] = (byte)((label == 0 ? y == at : x == at) ? 255 : (i * 7 + x * 3 + y) % 40);
        }
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), images);
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), labels);
    }
}
