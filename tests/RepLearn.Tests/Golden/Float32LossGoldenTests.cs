using System.Text.Json;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Tensors;
using Xunit;
using static RepLearn.Tests.Golden.GoldenData;
using Core = RepLearn.Functional.Objectives.Losses;

namespace RepLearn.Tests.Golden;

// The core's DType (the facade's RepLearn.DType, in an enclosing namespace, would win over a using outside it).
using DType = RepLearn.Functional.Tensors.DType;

/// <summary>
/// Every loss in float32 against the same PyTorch/mpmath references as <see cref="LossGoldenTests"/> (Golden/losses.json),
/// computed by the core on float32 tensors (inputs rounded to float32, arithmetic and result in float32).
/// <para>
/// Tolerance: |ours - reference| &lt;= 2e-5 max(1, |reference|). float32 keeps 24 bits (eps 2^-24 ~ 6e-8 per operation);
/// rounding the inputs moves each by at most that relatively, and a loss sums up to a few dozen terms through exp, log
/// and softplus, so its error is a few hundred ulps of the largest term: 2e-5 of max(1, |reference|) holds that with a
/// margin, while a term computed wrongly (or silently in the other dtype and then failing) does not. The cases used are
/// those within float32's range: every |input| &lt;= 100, temperature &gt;= 0.01 and |reference| &lt;= 1e30 (the others
/// probe float64's range, 1e308 logits, 1e154 entries or a KL of 1e43, which float32 does not have), and that the core
/// computes in float64 (the facade-only cases, such as NT-Xent on one pair, are refused by the core).
/// </para>
/// </summary>
public sealed class Float32LossGoldenTests
{
    public const double Tolerance = 2e-5;

    private static readonly string[] Sections = ["gaussian_kl", "gaussian_kl2", "bernoulli_nll", "gaussian_nll", "cosine_similarity", "info_nce", "nt_xent"];

    private static readonly string[] Inputs = ["mu", "logVar", "mu1", "logVar1", "mu2", "logVar2", "logits", "targets", "x", "u", "v", "anchors", "positives", "negatives", "viewA", "viewB"];

    /// <summary>Every (section, case) whose inputs are within float32's comfortable range.</summary>
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var section in Sections)
                foreach (var c in Section(section))
                    if (InFloat32Range(section, c)) data.Add(section, c.GetProperty("name").GetString()!);
            return data;
        }
    }

    private static bool InFloat32Range(string section, JsonElement c) =>
        Inputs.Where(k => c.TryGetProperty(k, out _)).All(k => Flat(c.GetProperty(k)).All(v => Math.Abs(v) <= 100))
        && (!c.TryGetProperty("temperature", out var t) || t.GetDouble() >= 0.01)
        && Math.Abs(c.GetProperty("reference").GetDouble()) <= 1e30
        && CoreComputes(section, c);

    private static bool CoreComputes(string section, JsonElement c)
    {
        try { return double.IsFinite(Loss(section, c, DType.Float64).ToScalar()); }
        catch (ArgumentException) { return false; }
    }

    [Fact]
    public void Every_loss_has_float32_cases() =>
        Assert.All(Sections, s => Assert.Contains(Cases, row => (string)row[0] == s));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_loss_matches_the_reference(string section, string name)
    {
        var c = Case(section, name);
        var value = Loss(section, c, DType.Float32);
        Assert.Equal(DType.Float32, value.DType);
        var expected = c.GetProperty("reference").GetDouble();
        var actual = value.ToScalar();
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Max(1, Math.Abs(expected)),
            $"{section} '{name}': float32 {actual:R}, reference {expected:R}, float64 {Loss(section, c, DType.Float64).ToScalar():R}");
    }

    /// <summary>The core loss of a golden case in <paramref name="dtype"/>, reduced as the facade reduces it (sum, or mean for InfoNCE and NT-Xent).</summary>
    private static Tensor Loss(string section, JsonElement c, DType dtype)
    {
        Tensor Row(string key) => Tensor.RowVector(Vector(c.GetProperty(key)), dtype);
        Tensor Rows(string key) => Tensor.FromRows(Matrix(c.GetProperty(key)), dtype);
        return section switch
        {
            "gaussian_kl" => Core.GaussianKl(Row("mu"), Row("logVar")),
            "gaussian_kl2" => Core.GaussianKl(Row("mu1"), Row("logVar1"), Row("mu2"), Row("logVar2")),
            "bernoulli_nll" => Core.BernoulliNll(Row("logits"), Row("targets")),
            "gaussian_nll" => Core.GaussianNll(Row("x"), Row("mu"), Row("logVar")),
            "cosine_similarity" => Core.CosineSimilarity(Row("u"), Row("v")),
            "info_nce" => InfoNce(c, dtype),
            "nt_xent" => Ops.Mean(Core.NtXent(Rows("viewA"), Rows("viewB"), c.GetProperty("temperature").GetDouble())),
            _ => throw new ArgumentOutOfRangeException(nameof(section), section, "no such section"),
        };
    }

    private static Tensor InfoNce(JsonElement c, DType dtype)
    {
        var negatives = Cube(c.GetProperty("negatives"));
        var flat = negatives.SelectMany(n => n).ToArray();
        return Ops.Mean(Core.InfoNce(Tensor.FromRows(Matrix(c.GetProperty("anchors")), dtype), Tensor.FromRows(Matrix(c.GetProperty("positives")), dtype),
            Tensor.FromRows(flat, dtype), negatives[0].Length, c.GetProperty("temperature").GetDouble()));
    }
}
