using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L4-infonce-range</b>: the library's properties (<see cref="L4InfoNceRange"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L4InfoNceRangeProperties
{
    [Property(Replay = "(5489,1812433253)", MaxTest = 1000)]
    public Property InfoNceIsNonNegative() => L4InfoNceRange.InfoNceIsNonNegative();

    [Property(Replay = "(2147483647,16807)", MaxTest = 1000)]
    public Property InfoNceIsLogKPlusOneWhenSimilaritiesAreEqual() => L4InfoNceRange.InfoNceIsLogKPlusOneWhenSimilaritiesAreEqual();

    [Property(Replay = "(4294967291,2971215073)", MaxTest = 1000)]
    public Property LogSoftmaxLossIsInvariantToShiftingAllLogits() => L4InfoNceRange.LogSoftmaxLossIsInvariantToShiftingAllLogits();

    [Property(Replay = "(6700417,2654435761)", MaxTest = 1000)]
    public Property NtXentIsNonNegative() => L4InfoNceRange.NtXentIsNonNegative();

    [Property(Replay = "(3367900313,2246822519)", MaxTest = 1000)]
    public Property NtXentIsLogTwoNMinusOneWhenSimilaritiesAreEqual() => L4InfoNceRange.NtXentIsLogTwoNMinusOneWhenSimilaritiesAreEqual();

    [Property(Replay = "(1099511628211,1442695040888963407)", MaxTest = 1000)]
    public Property NtXentLogitsAreInvariantToAShift() => L4InfoNceRange.NtXentLogitsAreInvariantToAShift();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L4InfoNceRange.Claim, Budget.Quick);
}
