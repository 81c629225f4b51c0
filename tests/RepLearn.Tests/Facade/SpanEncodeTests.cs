using Xunit;
using static RepLearn.Tests.Facade.TinyModels;

namespace RepLearn.Tests.Facade;

/// <summary>
/// Encoding a row-major span gives the same bits as encoding the same rows as arrays, for double and float input and for
/// every kind of the table; a length that is not whole rows, a non-finite value and (Bernoulli) a value outside [0, 1]
/// are refused naming rowMajor.
/// </summary>
public sealed class SpanEncodeTests
{
    public static readonly TheoryData<string> AllKinds = new() { "ae", "dae", "vae", "contrastive", "iwae", "tcvae" };

    private static IRepresentationModel Build(string kind) => kind is "iwae" or "tcvae"
        ? Models.Create(kind, Width, new Dictionary<string, string> { ["latent_dim"] = $"{Latent}", ["hidden_dims"] = $"{Hidden}" }, seed: 7, trainRows: Train.Length)
        : Create(kind);

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Span_input_encodes_as_the_row_arrays_do(string kind)
    {
        var model = Build(kind);
        var rows = Train[..10];
        var flat = rows.SelectMany(r => r).ToArray();
        var expected = model.Encode(rows);
        Assert.Equal(expected, model.Encode(flat.AsSpan()));

        var narrow = rows.Select(r => r.Select(v => (float)v).ToArray()).ToArray();
        Assert.Equal(model.Encode(narrow), model.Encode(narrow.SelectMany(r => r).ToArray().AsSpan()));

        // A slice of a larger buffer: rows 3..5 only.
        Assert.Equal(expected[3..6], model.Encode(flat.AsSpan(3 * Width, 3 * Width)));
    }

    [Fact]
    public void Bad_spans_are_refused_naming_rowMajor()
    {
        var vae = Build("vae");
        var flat = Train[..2].SelectMany(r => r).ToArray();
        Assert.Equal("rowMajor", Assert.Throws<ArgumentException>(() => vae.Encode(flat.AsSpan(1))).ParamName);
        flat[5] = double.NaN;
        Assert.Equal("rowMajor", Assert.Throws<ArgumentException>(() => vae.Encode(flat.AsSpan())).ParamName);
        flat[5] = 1.5; // the VAE's Bernoulli decoder needs [0, 1]
        Assert.Equal("rowMajor", Assert.Throws<ArgumentException>(() => vae.Encode(flat.AsSpan())).ParamName);
        var floats = flat.Select(v => (float)v).ToArray();
        floats[5] = float.PositiveInfinity;
        Assert.Equal("rowMajor", Assert.Throws<ArgumentException>(() => vae.Encode(floats.AsSpan())).ParamName);
    }
}
