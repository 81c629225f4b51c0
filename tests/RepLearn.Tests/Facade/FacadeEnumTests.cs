using RepLearn;
using Xunit;

namespace RepLearn.Tests.Facade;

/// <summary>Each facade enum converts to and from its core twin by name, so the two must name the same members.</summary>
public class FacadeEnumTests
{
    [Fact]
    public void Every_facade_enum_names_the_members_of_its_core_twin()
    {
        Assert.Equal(Names<RepLearn.Functional.Models.Likelihood>(), Names<Likelihood>());
        Assert.Equal(Names<RepLearn.Functional.Nn.Activation>(), Names<Activation>());
        Assert.Equal(Names<RepLearn.Functional.Export.OnnxElementType>(), Names<OnnxElementType>());
    }

    private static string[] Names<TEnum>() where TEnum : struct, Enum => Enum.GetNames<TEnum>().Order(StringComparer.Ordinal).ToArray();
}
