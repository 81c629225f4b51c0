using FsCheck;
using FsCheck.Xunit;
using RepLearn.Claims;
using RepLearn.Properties.Support;
using Xunit;

namespace RepLearn.Properties.Claims;

/// <summary>Claim <b>L1-sufficiency-dpi</b>: the library's properties (<see cref="L1SufficiencyDpi"/>) under FsCheck's runner, and its verify experiment.</summary>
public class L1SufficiencyDpiProperties
{
    [Property(Replay = "(6364136223,1442695041)", MaxTest = 1000)]
    public Property ProcessingXCannotAddInformationAboutY() => L1SufficiencyDpi.ProcessingXCannotAddInformationAboutY();

    [Property(Replay = "(1442695041,6364136223)", MaxTest = 1000)]
    public Property InjectiveRepresentationKeepsAllInformation() => L1SufficiencyDpi.InjectiveRepresentationKeepsAllInformation();

    [Property(Replay = "(1103515245,2147483647)", MaxTest = 300)]
    public Property EncoderRepresentationCannotAddInformation() => L1SufficiencyDpi.EncoderRepresentationCannotAddInformation();

    [Fact]
    public void VerifyExperimentHolds() => ClaimAssert.Holds(L1SufficiencyDpi.Claim, Budget.Quick);
}
