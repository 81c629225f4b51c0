using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary><see cref="Evaluation.Disentanglement"/>: factor rows in (as <see cref="Datasets.ShapesFactors"/> gives them), scores out, bad arrays named.</summary>
public class DisentanglementFacadeTests
{
    private static readonly int[][] Factors = [.. Enumerable.Range(0, 400).Select(i => new[] { i % 3, i / 3 % 6, i / 18 % 8 })];

    [Fact]
    public void The_factors_as_codes_are_disentangled()
    {
        var codes = Factors.Select(row => row.Select(v => (double)v).ToArray()).ToArray();
        var s = Evaluation.Disentanglement(codes, Factors, seed: 3);
        Assert.True(s.Mig >= 0.9 && s.Sap >= 0.9 && s.DciDisentanglement >= 0.9 && s.DciCompleteness >= 0.9 && s.Modularity >= 0.9, s.ToString());
        Assert.Equal(7, s.Rows.Count);
    }

    [Fact]
    public void An_encoder_adds_the_sampled_scores_and_a_collapsed_one_scores_chance_or_zero()
    {
        var codes = Factors.Select(row => row.Select(v => (double)v).ToArray()).ToArray();
        // Every image to the same code: FactorVAE prunes every dimension (0), BetaVAE's classifier guesses (chance 1/5).
        var s = Evaluation.Disentanglement(codes, Factors, images => [.. images.Select(_ => new[] { 0.5, 0.5 })], seed: 3, sampledPoints: 50);
        Assert.Equal(0, s.FactorVae);
        Assert.InRange(s.BetaVae!.Value, 0.0, 0.4);
        Assert.Equal(9, s.Rows.Count);
        Assert.Equal(("FactorVAE score", 0.0), s.Rows[^1]);
        // The code metrics are those of the first overload.
        Assert.Equal(Evaluation.Disentanglement(codes, Factors, seed: 3), s with { BetaVae = null, FactorVae = null });
        Assert.Equal("encodeShapes", Assert.Throws<ArgumentException>(() =>
            Evaluation.Disentanglement(codes, Factors, images => [.. images.Select(_ => new double[] { double.NaN })], seed: 3, sampledPoints: 5)).ParamName);
    }

    [Fact]
    public void Shapes_factors_belong_to_the_shapes_training_rows_replearn_eval_encodes()
    {
        var data = Datasets.Shapes(32, 8, seed: 5);
        var factors = Datasets.ShapesFactors(32, seed: 5);
        Assert.Equal(data.TrainLabels, factors.Select(row => row[0]).ToArray());
    }

    [Fact]
    public void Bad_arrays_are_refused_by_name()
    {
        var codes = Factors.Select(row => new double[] { row[0], row[1] }).ToArray();
        Assert.Equal("factors", Assert.Throws<ArgumentException>(() => Evaluation.Disentanglement(codes, Factors[..10])).ParamName);
        Assert.Equal("factors", Assert.Throws<ArgumentException>(() => Evaluation.Disentanglement(codes, [.. Factors[..399], [1]])).ParamName);
        Assert.Equal("codes", Assert.Throws<ArgumentException>(() => Evaluation.Disentanglement([.. codes[..399], [double.NaN, 0]], Factors)).ParamName);
        Assert.Equal("codes", Assert.Throws<ArgumentException>(() => Evaluation.Disentanglement(codes[..5], Factors[..5])).ParamName);
    }
}
