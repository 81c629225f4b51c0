using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L4-temperature</b>: the library's properties (<see cref="L4Temperature"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L4TemperatureProperties
{
    [Property(Replay = "(9007199254,6700417)", MaxTest = 500)]
    public Property SmallTemperatureGivesTheLargestMarginViolation() => L4Temperature.SmallTemperatureGivesTheLargestMarginViolation();

    [Property(Replay = "(2305843009,2147483649)", MaxTest = 500)]
    public Property LargeTemperatureGivesLogKPlusOne() => L4Temperature.LargeTemperatureGivesLogKPlusOne();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L4Temperature.Claim, Budget.Quick);
}
