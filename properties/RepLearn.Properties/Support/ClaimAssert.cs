using RepLearn.Claims;
using RepLearn.Functional.Keys;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Properties.Support;

/// <summary>Runs a claim's verify experiment as a test, with the key verify uses by default, failing with its measurements.</summary>
public static class ClaimAssert
{
    /// <summary>The key <c>replearn verify</c> uses by default (seed 1), folded with the claim's id so that claims draw independent numbers.</summary>
    public static Key KeyFor(Claim claim, long seed = 1) => Verification.KeyFor(claim, seed);

    /// <summary>Asserts that <paramref name="claim"/>'s experiment holds; returns the result for further checks.</summary>
    public static ClaimResult Holds(Claim claim, Budget budget, long seed = 1)
    {
        var result = claim.Run(new ClaimContext(KeyFor(claim, seed), budget, MnistPaths.Available ? MnistPaths.Folder : null));
        Assert.True(result.Holds, $"{claim.Id}: {result.Failures}");
        return result;
    }
}
