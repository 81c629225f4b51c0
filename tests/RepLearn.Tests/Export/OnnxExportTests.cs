using RepLearn.Tests.Facade;
using RepLearn.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace RepLearn.Tests.Export;

/// <summary>
/// Issue 9, deliverable 7: for every model kind, the exported encoder and decoder, run by onnxruntime on 100 rows, give
/// the library's own Encode and Decode. float64 exports match to 1e-6 relative (in practice to about 1e-15: the same
/// products summed in another order). float32 exports round the inputs and weights to binary32 (unit roundoff
/// u = 2^-24 ~ 6e-8) and accumulate in float32: a dot product of length k carries a relative error up to about k u of
/// sum |w_i x_i|, i.e. ~5e-5 for the 784-wide first layer, less in practice (errors of both signs cancel); so float32
/// outputs are compared with an absolute tolerance of 1e-4 times the output's scale (max |e| over the batch, at least 1).
/// </summary>
public sealed class OnnxExportTests(ITestOutputHelper output)
{
    private const int Rows = 100;
    private const double Float64Relative = 1e-6;
    private const double Float32Scaled = 1e-4;

    public static readonly TheoryData<string, OnnxPart, OnnxElementType> Cases = Build();

    private static TheoryData<string, OnnxPart, OnnxElementType> Build()
    {
        var cases = new TheoryData<string, OnnxPart, OnnxElementType>();
        foreach (var kind in TinyModels.Kinds)
            foreach (var part in kind == "contrastive" ? [OnnxPart.Encoder] : new[] { OnnxPart.Encoder, OnnxPart.Decoder })
                foreach (var type in Enum.GetValues<OnnxElementType>())
                    cases.Add(kind, part, type);
        return cases;
    }

    private static readonly Dictionary<string, IRepresentationModel> Trained = [];

    /// <summary>One briefly trained model per kind (one epoch on the tiny shapes set), shared by the cases.</summary>
    private static IRepresentationModel Model(string kind)
    {
        lock (Trained)
        {
            if (!Trained.TryGetValue(kind, out var model))
            {
                model = TinyModels.Create(kind);
                model.Fit(TinyModels.Train, TinyModels.Options());
                Trained[kind] = model;
            }
            return model;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exported_part_matches_the_library(string kind, OnnxPart part, OnnxElementType type)
    {
        var model = Model(kind);
        using var folder = new TempFolder();
        var path = folder.File($"{kind}-{part}-{type}.onnx");
        model.ExportOnnx(path, part, type);

        var x = TinyModels.Train[..Rows];
        var (input, expected) = part == OnnxPart.Encoder
            ? (x, model.Encode(x))
            : (model.Encode(x), ((IReconstructingModel)model).Decode(model.Encode(x)));
        var actual = OnnxRuntimeRunner.Run(path, input);
        Assert.Equal(Rows, actual.Length);

        var (maxAbs, maxRel) = OnnxRuntimeRunner.Differences(expected, actual, floor: 1e-8);
        output.WriteLine($"{kind} {part} {type}: max |diff| {maxAbs:E2}, max relative {maxRel:E2}");
        if (type == OnnxElementType.Float64)
            Assert.True(maxRel <= Float64Relative, $"{kind} {part} float64: max relative error {maxRel:E2} > {Float64Relative:E0}");
        else
        {
            var scale = Math.Max(1, expected.SelectMany(r => r).Max(Math.Abs));
            Assert.True(maxAbs <= Float32Scaled * scale, $"{kind} {part} float32: max |diff| {maxAbs:E2} > {Float32Scaled:E0} x scale {scale:G3}");
        }
    }
}
