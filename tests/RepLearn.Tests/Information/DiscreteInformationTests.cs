using RepLearn.Functional.Information;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Information;

/// <summary>Plug-in entropy, mutual information and conditional entropy on hand-computable tables.</summary>
public class DiscreteInformationTests
{
    [Fact]
    public void EntropyOfUniformSymbolsIsLogOfTheirNumber()
    {
        foreach (var m in new[] { 1, 2, 3, 7, 16 })
        {
            var x = Enumerable.Range(0, 5 * m).Select(i => i % m).ToArray();
            Assert.Equal(Math.Log(m), DiscreteInformation.Entropy(x), 1e-14);
        }
        Assert.Equal(0.0, DiscreteInformation.Entropy(new[] { "a", "a", "a" }));
    }

    [Fact]
    public void EntropyOfASkewedTableMatchesTheFormula()
    {
        int[] x = [0, 0, 0, 1, 2, 2]; // p = 1/2, 1/6, 1/3
        var expected = -(0.5 * Math.Log(0.5) + 1.0 / 6 * Math.Log(1.0 / 6) + 1.0 / 3 * Math.Log(1.0 / 3));
        Assert.Equal(expected, DiscreteInformation.Entropy(x), 1e-15);
    }

    [Fact]
    public void MutualInformationOfATwoByTwoTableMatchesTheFormula()
    {
        // counts [[3, 1], [1, 3]]: p(a, b) = 3/8 on the diagonal, 1/8 off it, uniform marginals
        int[] x = [0, 0, 0, 0, 1, 1, 1, 1];
        int[] y = [0, 0, 0, 1, 1, 1, 1, 0];
        var expected = 2 * (3.0 / 8 * Math.Log(3.0 / 8 / 0.25)) + 2 * (1.0 / 8 * Math.Log(1.0 / 8 / 0.25));
        Assert.Equal(expected, DiscreteInformation.MutualInformation(x, y), 1e-15);
        Assert.Equal(expected, DiscreteInformation.MutualInformation(y, x), 1e-15);
    }

    [Fact]
    public void MutualInformationOfAVariableWithItselfIsItsEntropy()
    {
        int[] x = [4, 1, 1, 9, 4, 4, 2, 9, 9, 9];
        Assert.Equal(DiscreteInformation.Entropy(x), DiscreteInformation.MutualInformation(x, x), 1e-15);
        Assert.Equal(0.0, DiscreteInformation.ConditionalEntropy(x, x));
    }

    [Fact]
    public void AProductTableHasZeroMutualInformation()
    {
        // every (a, b) with a in 0..2, b in 0..3 exactly twice: the empirical joint factorises
        var pairs = Enumerable.Range(0, 24).Select(i => (A: i % 3, B: i / 3 % 4)).ToArray();
        var mi = DiscreteInformation.MutualInformation(pairs.Select(p => p.A).ToArray(), pairs.Select(p => p.B).ToArray());
        Assert.True(mi >= 0 && mi <= 1e-15, $"I = {mi:R}");
    }

    [Fact]
    public void MutualInformationIsEntropyMinusConditionalEntropyAndAgreesWithTheJointEntropyForm()
    {
        int[] x = [0, 1, 2, 0, 1, 2, 0, 0, 3, 3, 1, 2, 2];
        int[] y = [1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0];
        var mi = DiscreteInformation.MutualInformation(x, y);
        var joint = x.Zip(y, (a, b) => (a, b)).ToArray();
        Assert.Equal(DiscreteInformation.Entropy(y) - DiscreteInformation.ConditionalEntropy(y, x), mi, 1e-14);
        Assert.Equal(DiscreteInformation.Entropy(x) + DiscreteInformation.Entropy(y) - DiscreteInformation.Entropy(joint), mi, 1e-14);
        Assert.True(mi > 0);
    }

    [Fact]
    public void InjectiveRelabellingLeavesEveryMeasureBitwiseUnchanged()
    {
        int[] x = [0, 1, 2, 0, 1, 2, 0, 0, 3, 3, 1, 2, 2, 5, 5, 4];
        int[] y = [1, 1, 0, 1, 0, 2, 1, 1, 0, 1, 1, 0, 0, 2, 2, 2];
        var relabelled = x.Select(v => $"s{7 * v + 3}").ToArray(); // injective, a different symbol type
        Assert.Equal(DiscreteInformation.MutualInformation(x, y), DiscreteInformation.MutualInformation(relabelled, y));
        Assert.Equal(DiscreteInformation.Entropy(x), DiscreteInformation.Entropy(relabelled));
        Assert.Equal(DiscreteInformation.ConditionalEntropy(y, x), DiscreteInformation.ConditionalEntropy(y, relabelled));
        var reversed = x.Reverse().ToArray();
        Assert.Equal(DiscreteInformation.MutualInformation(x, y), DiscreteInformation.MutualInformation(reversed, y.Reverse().ToArray()));
    }

    [Fact]
    public void RowSymbolsNumberDistinctRowsInOrderOfFirstAppearance()
    {
        var rows = Tensor.FromRows([[1.0, 2.0], [0.0, 3.0], [1.0, 2.0], [-0.0, 3.0], [1.0, 2.0000000000000004], [double.NaN, 1.0], [double.NaN, 1.0]]);
        Assert.Equal([0, 1, 0, 1, 2, 3, 3], DiscreteInformation.RowSymbols(rows));
        Assert.Empty(DiscreteInformation.RowSymbols(Tensor.Zeros(0, 3)));
    }

    [Fact]
    public void EmptyOrUnpairedDataIsRejected()
    {
        Assert.Throws<ArgumentException>(() => DiscreteInformation.Entropy(Array.Empty<int>()));
        Assert.Throws<ArgumentException>(() => DiscreteInformation.MutualInformation(new[] { 1, 2 }, new[] { 1 }));
        Assert.Throws<ArgumentException>(() => DiscreteInformation.ConditionalEntropy(Array.Empty<int>(), Array.Empty<int>()));
    }
}
