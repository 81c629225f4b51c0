using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Information;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using Xunit;

namespace RepLearn.Tests.Information;

using Activation = RepLearn.Functional.Nn.Activation;

/// <summary>The group actions are groups, and orbit averaging is invariant and a projection.</summary>
public class OrbitTests
{
    private static readonly Tensor X = Sample.Normal(Key.FromSeed(5), 7, 6);

    private static bool Bitwise(Tensor a, Tensor b) =>
        a.SameShape(b) && Enumerable.Range(0, a.Length).All(i => BitConverter.DoubleToInt64Bits(a.Span[i]) == BitConverter.DoubleToInt64Bits(b.Span[i]));

    [Fact]
    public void CyclicShiftsComposeModuloTheWidth()
    {
        var shifts = Orbit.CyclicShifts(6);
        Assert.Equal(6, shifts.Count);
        Assert.True(Bitwise(X, shifts[0].Apply(X)));
        Assert.Equal(X[2, 3], Orbit.Shift(X, 2)[2, 5]);
        for (var a = 0; a < 6; a++)
            for (var b = 0; b < 6; b++)
                Assert.True(Bitwise(shifts[(a + b) % 6].Apply(X), shifts[a].Apply(shifts[b].Apply(X))));
        Assert.True(Bitwise(X, Orbit.Shift(X, 6)));
        Assert.True(Bitwise(Orbit.Shift(X, 5), Orbit.Shift(X, -1)));
    }

    [Fact]
    public void SignFlipsAreTheWholeGroupOfInvolutions()
    {
        var flips = Orbit.SignFlips(4);
        Assert.Equal(16, flips.Count);
        var x = Orbit.Shift(X, 0);
        var narrow = Tensor.Create(x.Rows, 4, (r, c) => x[r, c]);
        Assert.True(Bitwise(narrow, flips[0].Apply(narrow)));
        for (var a = 0; a < 16; a++)
        {
            Assert.True(Bitwise(narrow, flips[a].Apply(flips[a].Apply(narrow))));
            for (var b = 0; b < 16; b++)
                Assert.True(Bitwise(flips[a ^ b].Apply(narrow), flips[a].Apply(flips[b].Apply(narrow))));
        }
        Assert.Equal(-narrow[1, 2], Orbit.FlipSigns(narrow, 0b0100)[1, 2]);
        Assert.Equal("flip 0b0101", flips[5].Name);
    }

    [Fact]
    public void AveragedEncoderIsBitwiseInvariant()
    {
        var mlp = Mlp.Init(Key.FromSeed(3), [6, 10, 4], Activation.Tanh);
        foreach (var group in new[] { Orbit.CyclicShifts(6), Orbit.SignFlips(6) })
        {
            var averaged = Orbit.Average(x => Mlp.Apply(mlp, x), group);
            var z = averaged(X);
            Assert.Equal((7, 4), (z.Rows, z.Cols));
            foreach (var g in group) Assert.True(Bitwise(z, averaged(g.Apply(X))), g.Name);
            Assert.False(Bitwise(Mlp.Apply(mlp, X), Mlp.Apply(mlp, group[1].Apply(X)))); // f itself is not invariant
        }
    }

    [Fact]
    public void AveragingAnInvariantEncoderOrAnAverageChangesNothingButRounding()
    {
        Func<Tensor, Tensor> rowSums = x => Ops.Sum(x, 1);
        var shifts = Orbit.CyclicShifts(6);
        var averaged = Orbit.Average(rowSums, shifts);
        var expected = rowSums(X);
        var z = averaged(X);
        for (var r = 0; r < X.Rows; r++) Assert.Equal(expected[r, 0], z[r, 0], 1e-14);

        var mlp = Mlp.Init(Key.FromSeed(4), [6, 5, 3], Activation.Relu);
        var once = Orbit.Average(x => Mlp.Apply(mlp, x), shifts);
        var twice = Orbit.Average(once, shifts);
        var a = once(X);
        var b = twice(X);
        for (var i = 0; i < a.Length; i++) Assert.Equal(a.Span[i], b.Span[i], 1e-14);
    }

    [Fact]
    public void SignFlipAveragingOfALinearMapIsZeroAndTheTrivialGroupIsTheIdentity()
    {
        var flips = Orbit.SignFlips(6);
        var z = Orbit.Average(x => Ops.Scale(x, 3), flips)(X);
        Assert.All(z.ToArray(), v => Assert.True(Math.Abs(v) < 1e-15));
        var mlp = Mlp.Init(Key.FromSeed(6), [6, 4], Activation.Identity);
        Assert.True(Bitwise(Mlp.Apply(mlp, X), Orbit.Average(x => Mlp.Apply(mlp, x), [flips[0]])(X)));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Orbit.Average(x => x, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Orbit.CyclicShifts(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Orbit.SignFlips(17));
        Assert.Throws<ArgumentOutOfRangeException>(() => Orbit.FlipSigns(X, -1));
    }
}
