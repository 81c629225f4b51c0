using RepLearn.Functional.Checkpoints;
using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary>
/// The four facade models at toy sizes (latent 4, one hidden layer of 32) on a small shapes set, so that
/// each test trains in well under a second; and bitwise comparisons of outputs and checkpoint files.
/// </summary>
internal static class TinyModels
{
    public const int Latent = 4;
    public const int Hidden = 32;
    public const int Width = 784;

    public static readonly TheoryData<string> Kinds = new() { "ae", "dae", "vae", "contrastive" };

    /// <summary>256 training and 64 test images of 28 x 28 pixels in [0, 1], with shape labels (generated once).</summary>
    public static Dataset Data => data.Value;

    private static readonly Lazy<Dataset> data = new(() => Datasets.Shapes(256, 64, seed: 3));

    public static double[][] Train => Data.Train;

    public static double[][] Test => Data.Test!;

    public static TrainOptions Options(int epochs = 1) => new() { Epochs = epochs, BatchSize = 32, LearningRate = 3e-3 };

    public static IRepresentationModel Create(string kind, long seed = 7) => kind switch
    {
        "ae" => new Autoencoder(Width, Latent, [Hidden], seed),
        "dae" => new DenoisingAutoencoder(Width, Latent, sigma: 0.3, hiddenDims: [Hidden], seed: seed),
        "vae" => new Vae(Width, Latent, [Hidden], seed),
        "contrastive" => new ContrastiveEncoder(Width, representationDim: Latent, projectionDim: 4, hiddenDims: [Hidden], temperature: 0.5, seed: seed,
            projectionHiddenDim: Latent),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    /// <summary>The kind's own Load (not <see cref="Models.Load"/>).</summary>
    public static IRepresentationModel Load(string kind, string path) => kind switch
    {
        "ae" => Autoencoder.Load(path),
        "dae" => DenoisingAutoencoder.Load(path),
        "vae" => Vae.Load(path),
        "contrastive" => ContrastiveEncoder.Load(path),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    public static long[] Bits(double[][] rows) => [.. rows.SelectMany(r => r).Select(BitConverter.DoubleToInt64Bits)];

    public static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    /// <summary>Every output the model offers, as bits: the codes, and for decoders the reconstructions and decoded codes.</summary>
    public static long[] Outputs(IRepresentationModel m)
    {
        var codes = m.Encode(Test);
        var bits = Bits(codes).ToList();
        if (m is IReconstructingModel r)
        {
            bits.AddRange(Bits(r.Reconstruct(Test)));
            bits.AddRange(Bits(r.Decode(codes[..8])));
        }
        return [.. bits];
    }

    /// <summary>Asserts two checkpoint files hold the same tensors bit for bit and the same metadata.</summary>
    public static void AssertSameCheckpoint(string expectedPath, string actualPath)
    {
        var expected = Safetensors.Load(expectedPath);
        var actual = Safetensors.Load(actualPath);
        Assert.Equal(expected.Tensors.Select(t => t.Name), actual.Tensors.Select(t => t.Name));
        foreach (var (e, a) in expected.Tensors.Zip(actual.Tensors))
        {
            Assert.Equal(e.Shape.ToArray(), a.Shape.ToArray()); // element-wise: ImmutableArray equality is by reference
            Assert.True(e.Value.ToArray().Select(BitConverter.DoubleToInt64Bits).SequenceEqual(a.Value.ToArray().Select(BitConverter.DoubleToInt64Bits)),
                $"tensor '{e.Name}' differs");
        }
        Assert.Equal(expected.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(expected.DataSha256, actual.DataSha256);
    }

    /// <summary>A progress sink that runs synchronously on the training thread (unlike <see cref="Progress{T}"/>).</summary>
    public sealed class Sink(Action<TrainProgress>? onReport = null) : IProgress<TrainProgress>
    {
        public List<TrainProgress> Reports { get; } = [];

        public void Report(TrainProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}
