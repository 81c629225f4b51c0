using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace RepLearn.Tests.Export;

/// <summary>Runs an exported ONNX file with Microsoft.ML.OnnxRuntime (the test-only reader) and compares its outputs with the library's.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>The graph's single output for <paramref name="rows"/>, fed as float32 or float64 as the file declares.</summary>
    public static double[][] Run(string path, double[][] rows)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(path, options);
        var input = Assert.Single(session.InputMetadata);
        var width = rows[0].Length;
        var dims = new[] { rows.Length, width };
        NamedOnnxValue feed = input.Value.ElementType == typeof(double)
            ? NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<double>(rows.SelectMany(r => r).ToArray(), dims))
            : NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<float>(rows.SelectMany(r => r).Select(v => (float)v).ToArray(), dims));
        using var results = session.Run([feed]);
        var output = Assert.Single(results);
        var flat = output.Value is Tensor<double> d ? d.ToArray() : output.AsTensor<float>().ToArray().Select(v => (double)v).ToArray();
        var cols = flat.Length / rows.Length;
        return [.. Enumerable.Range(0, rows.Length).Select(i => flat.AsSpan(i * cols, cols).ToArray())];
    }

    /// <summary>
    /// The largest absolute and relative differences between <paramref name="actual"/> and <paramref name="expected"/>:
    /// relative = |a - e| / |e| over the entries with |e| &gt;= <paramref name="floor"/> (below it a relative error
    /// measures the cancellation in a sum that came out near zero, not the export), absolute over all.
    /// </summary>
    public static (double MaxAbsolute, double MaxRelative) Differences(double[][] expected, double[][] actual, double floor)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxAbs = 0, maxRel = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            for (var j = 0; j < expected[i].Length; j++)
            {
                var (e, a) = (expected[i][j], actual[i][j]);
                Assert.True(double.IsFinite(a), $"ONNX output ({i}, {j}) is {a}");
                var diff = Math.Abs(a - e);
                maxAbs = Math.Max(maxAbs, diff);
                if (Math.Abs(e) >= floor) maxRel = Math.Max(maxRel, diff / Math.Abs(e));
            }
        }
        return (maxAbs, maxRel);
    }
}
