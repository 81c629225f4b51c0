using RepLearn.Functional.Checkpoints;
using RepLearn.Tests.Export;
using RepLearn.Tests.Support;
using Xunit;
using static RepLearn.Tests.Cli.CliHarness;

namespace RepLearn.Tests.Float32;

/// <summary>
/// A float32 model through the facade and the CLI: stored as F32 tensors (what torch's safetensors loader reads as
/// float32) with metadata dtype = float32, loaded back as float32 with the same bits; a float64 model's file is as
/// before (F64, no dtype key); --dtype on train.
/// </summary>
[Collection("Console")]
public sealed class Float32CheckpointTests
{
    private static readonly double[][] Data = Enumerable.Range(0, 64)
        .Select(i => Enumerable.Range(0, 6).Select(j => ((i * 5 + j * 3) % 13) / 12.0).ToArray()).ToArray();

    private static SafetensorsHeader Header(string path)
    {
        using var stream = File.OpenRead(path);
        return Safetensors.ReadHeader(stream, stream.Length, path);
    }

    [Fact]
    public void A_float32_vae_saves_F32_tensors_and_loads_back_as_float32_with_the_same_bits()
    {
        using var dir = new TempFolder();
        var vae = new Vae(inputDim: 6, latentDim: 2, hiddenDims: [8], seed: 5, dtype: DType.Float32);
        Assert.Equal(DType.Float32, vae.DType);
        vae.Fit(Data, new TrainOptions { Epochs = 2, BatchSize = 16 });
        var path = dir.File("vae32.safetensors");
        vae.Save(path);

        var header = Header(path);
        Assert.Equal("float32", header.Metadata["dtype"]);
        // Parameters and Adam's moments are F32; only the step counts (whole numbers that float32 would round past 2^24) stay F64.
        static bool IsCount(SafetensorsEntry e) => e.Name.EndsWith(".count", StringComparison.Ordinal);
        Assert.All(header.Entries.Where(e => !IsCount(e)), e => Assert.Equal(Safetensors.F32, e.Dtype));
        Assert.All(header.Entries.Where(IsCount), e => Assert.Equal(Safetensors.F64, e.Dtype));
        Assert.Contains(header.Entries, e => e.Name == "params.encoder.0.weight" && e.End - e.Begin == 8 * 6 * 4);

        var loaded = Vae.Load(path);
        Assert.Equal(DType.Float32, loaded.DType);
        Assert.Equal(vae.Encode(Data), loaded.Encode(Data));
        // Training on continues from the same state: bit for bit with the model that never left memory.
        vae.Fit(Data, new TrainOptions { Epochs = 1, BatchSize = 16 });
        loaded.Fit(Data, new TrainOptions { Epochs = 1, BatchSize = 16 });
        Assert.Equal(vae.Encode(Data), loaded.Encode(Data));
    }

    [Fact]
    public void A_float64_model_still_saves_F64_with_no_dtype_key()
    {
        using var dir = new TempFolder();
        var path = dir.File("ae64.safetensors");
        new Autoencoder(6, 2, [4], seed: 1).Save(path);
        var header = Header(path);
        Assert.False(header.Metadata.ContainsKey("dtype")); // absent means float64, as in every checkpoint written before dtypes
        Assert.All(header.Entries, e => Assert.Equal(Safetensors.F64, e.Dtype));
        Assert.Equal(DType.Float64, Autoencoder.Load(path).DType);
    }

    [Fact]
    public void Cli_train_takes_dtype_float32_and_refuses_other_values_naming_the_flag()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 32);
        var out32 = dir.File("ae32.safetensors");
        var r = Run("train", "ae", "--data", csv, "--epochs", "1", "--hidden", "8", "--latent", "2", "--dtype", "float32", "--out", out32);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("float32", r.Out);
        Assert.Equal("float32", Header(out32).Metadata["dtype"]);
        Assert.Contains(Header(out32).Entries, e => e.Dtype == Safetensors.F32);

        var bad = Run("train", "ae", "--data", csv, "--epochs", "1", "--dtype", "float16", "--out", dir.File("bad.safetensors"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--dtype", bad.ErrLines[0]);
        Assert.Contains("float16", bad.ErrLines[0]);

        var resumed = Run("train", "ae", "--data", csv, "--epochs", "2", "--dtype", "float64", "--resume", out32, "--out", dir.File("r.safetensors"));
        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains("--dtype float64", resumed.ErrLines[0]);
        Assert.Contains("float32", resumed.ErrLines[0]);
        var kept = Run("train", "ae", "--data", csv, "--epochs", "2", "--resume", out32, "--out", dir.File("k.safetensors"));
        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Equal("float32", Header(dir.File("k.safetensors")).Metadata["dtype"]);
    }

    [Fact]
    public void A_float32_checkpoint_evaluates_and_exports_to_onnx_from_the_cli()
    {
        using var dir = new TempFolder();
        var csv = WriteCsv(dir.File("data.csv"), rows: 64);
        var path = dir.File("vae32.safetensors");
        var t = Run("train", "vae", "--data", csv, "--epochs", "1", "--hidden", "8", "--latent", "2", "--likelihood", "gaussian", "--dtype", "float32", "--out", path);
        Assert.True(t.ExitCode == 0, t.ToString());
        var e = Run("eval", path, "--data", csv, "--logpx-rows", "4", "--logpx-samples", "20");
        Assert.True(e.ExitCode == 0, e.ToString());
        Assert.Contains("log p(x) (IWAE k=20)", e.Out);

        var onnx = dir.File("vae32.onnx");
        var x = Run("export", path, "--onnx", onnx, "--dtype", "float32");
        Assert.True(x.ExitCode == 0, x.ToString());
        var model = Vae.Load(path);
        var rows = Enumerable.Range(0, 10).Select(i => Enumerable.Range(0, model.InputDim).Select(j => (i * 7 + j) % 5 / 5.0).ToArray()).ToArray();
        var (maxAbs, _) = OnnxRuntimeRunner.Differences(model.Encode(rows), OnnxRuntimeRunner.Run(onnx, rows), floor: 1e-8);
        Assert.True(maxAbs < 1e-5, $"max |diff| {maxAbs:E2}");
    }
}
