using System.Collections.Immutable;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Export;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Export;

// Inside the namespace, so that they win over the facade's types of the same names.
using Activation = RepLearn.Functional.Nn.Activation;
using Autoencoder = RepLearn.Functional.Models.Autoencoder;
using Likelihood = RepLearn.Functional.Models.Likelihood;
using OnnxElementType = RepLearn.Functional.Export.OnnxElementType;
using OnnxExport = RepLearn.Functional.Export.OnnxExport;
using Vae = RepLearn.Functional.Models.Vae;

/// <summary>
/// The core's export for every activation the library has and both likelihoods, on freshly initialised small models
/// (two hidden layers, so every activation runs twice), checked against the core's own functions by onnxruntime;
/// and the refusal of an activation with no ONNX operator.
/// </summary>
public sealed class OnnxCoreExportTests
{
    private const int Input = 12;

    public static readonly TheoryData<Activation, Likelihood, OnnxElementType> Cases = Build();

    private static TheoryData<Activation, Likelihood, OnnxElementType> Build()
    {
        var cases = new TheoryData<Activation, Likelihood, OnnxElementType>();
        foreach (var a in Enum.GetValues<Activation>())
            foreach (var l in Enum.GetValues<Likelihood>())
                foreach (var t in Enum.GetValues<OnnxElementType>())
                    cases.Add(a, l, t);
        return cases;
    }

    /// <summary>100 rows of input in [0, 1], deterministic.</summary>
    private static Tensor Rows(int cols, long seed) => Sample.Uniform(Key.FromSeed(seed), 100, cols);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Autoencoder_and_vae_parts_match_for_every_activation(Activation activation, Likelihood likelihood, OnnxElementType type)
    {
        var ae = Autoencoder.Init(Key.FromSeed(1), new AutoencoderConfig(Input, 3, [9, 7], activation, likelihood));
        var vae = Vae.Init(Key.FromSeed(2), new VaeConfig(Input, 3, [9, 7], activation, likelihood));
        var x = Rows(Input, 3);
        var z = Ops.Scale(Sample.Normal(Key.FromSeed(4), 100, 3), 2);
        Tensor Mean(Tensor output) => likelihood == Likelihood.Bernoulli ? Ops.Sigmoid(output) : output;

        Check(OnnxExport.Encoder(ae), type, x, Autoencoder.Encode(ae, x));
        Check(OnnxExport.Decoder(ae, likelihood), type, z, Mean(Autoencoder.Decode(ae, z)));
        Check(OnnxExport.Encoder(vae), type, x, Vae.Encode(vae, x).Mean);
        Check(OnnxExport.Decoder(vae, likelihood), type, z, Mean(Vae.Decode(vae, z)));
    }

    [Theory]
    [InlineData(OnnxElementType.Float32)]
    [InlineData(OnnxElementType.Float64)]
    public void A_vae_without_hidden_layers_exports_its_mean_head_alone(OnnxElementType type)
    {
        var vae = Vae.Init(Key.FromSeed(5), new VaeConfig(Input, 4, []));
        var graph = OnnxExport.Encoder(vae);
        Assert.Equal(["Gemm"], graph.Nodes.Select(n => n.OpType));
        var x = Rows(Input, 6);
        Check(graph, type, x, Vae.Encode(vae, x).Mean);
    }

    [Fact]
    public void The_contrastive_encoder_stops_before_the_projection_head()
    {
        var p = Contrastive.Init(Key.FromSeed(7), new ContrastiveConfig(Input, [10], 5, 3));
        var graph = OnnxExport.Encoder(p);
        Assert.Equal(5, graph.Output.Width);
        Assert.DoesNotContain(graph.Initializers, i => i.Name.StartsWith("projection", StringComparison.Ordinal));
        var x = Rows(Input, 8);
        Check(graph, OnnxElementType.Float64, x, Contrastive.Encode(p, x));
    }

    [Fact]
    public void An_activation_without_an_onnx_operator_is_refused_naming_it()
    {
        var p = Autoencoder.Init(Key.FromSeed(9), new AutoencoderConfig(Input, 2, [4]));
        var unknown = p with { Encoder = p.Encoder with { Activation = (Activation)99 } };
        var e = Assert.Throws<NotSupportedException>(() => OnnxExport.Encoder(unknown));
        Assert.Contains("99", e.Message);
        Assert.Contains("Relu", e.Message); // the supported ones are listed
    }

    [Fact]
    public void An_undefined_element_type_is_refused()
    {
        var graph = OnnxExport.Encoder(Autoencoder.Init(Key.FromSeed(9), new AutoencoderConfig(Input, 2, [4])));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxFile.ToBytes(graph, (OnnxElementType)5));
    }

    [Fact]
    public void Save_is_atomic_and_refuses_an_existing_file()
    {
        using var folder = new TempFolder();
        var graph = OnnxExport.Encoder(Autoencoder.Init(Key.FromSeed(9), new AutoencoderConfig(Input, 2, [4])));
        var path = folder.Write("m.onnx", [1, 2, 3]);
        Assert.Throws<IOException>(() => OnnxFile.Save(path, graph));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        OnnxFile.Save(path, graph, overwrite: true);
        Assert.Equal(OnnxFile.ToBytes(graph), File.ReadAllBytes(path));
        Assert.Equal(["m.onnx"], folder.FileNames()); // no temporary file left
    }

    [Fact]
    public void Export_is_deterministic()
    {
        var p = Vae.Init(Key.FromSeed(10), new VaeConfig(Input, 2, [4]));
        Assert.Equal(OnnxFile.ToBytes(OnnxExport.Decoder(p, Likelihood.Bernoulli)), OnnxFile.ToBytes(OnnxExport.Decoder(p, Likelihood.Bernoulli)));
    }

    private static void Check(OnnxGraph graph, OnnxElementType type, Tensor input, Tensor expected)
    {
        using var folder = new TempFolder();
        var path = folder.Write("m.onnx", OnnxFile.ToBytes(graph, type));
        var actual = OnnxRuntimeRunner.Run(path, ToRows(input));
        var (maxAbs, maxRel) = OnnxRuntimeRunner.Differences(ToRows(expected), actual, floor: 1e-8);
        if (type == OnnxElementType.Float64) Assert.True(maxRel <= 1e-6, $"{graph.Name}: max relative error {maxRel:E2}");
        else Assert.True(maxAbs <= 1e-4 * Math.Max(1, expected.Span.ToArray().Max(Math.Abs)), $"{graph.Name}: max |diff| {maxAbs:E2}");
    }

    private static double[][] ToRows(Tensor t) => [.. Enumerable.Range(0, t.Rows).Select(i => t.Row(i).ToArray())];
}
