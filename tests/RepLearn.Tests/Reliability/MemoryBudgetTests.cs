using System.Collections.Immutable;
using RepLearn.Functional.Models;
using RepLearn.Functional.Resources;
using Xunit;
using CoreAutoencoder = RepLearn.Functional.Models.Autoencoder;
using CoreVae = RepLearn.Functional.Models.Vae;

namespace RepLearn.Tests.Reliability;

/// <summary>
/// The memory budget: its default and environment override, size parsing, the footprint estimates (overflow-safe
/// at any width), and the refusal message.
/// </summary>
public class MemoryBudgetTests
{
    [Fact]
    public void The_default_is_half_the_available_memory()
    {
        var budget = MemoryBudget.FromEnvironment(null, 25_276_194_816);
        Assert.Equal(12_638_097_408, budget.Bytes);
        Assert.Equal("half of the 25.3 GB available; set REPLEARN_MEMORY_BUDGET to change it", budget.Origin);
        Assert.Equal(budget.Bytes, MemoryBudget.FromEnvironment("   ", 25_276_194_816).Bytes);
    }

    [Fact]
    public void The_environment_variable_overrides_the_default()
    {
        var budget = MemoryBudget.FromEnvironment("8G", 25_276_194_816);
        Assert.Equal(8_000_000_000, budget.Bytes);
        Assert.Equal("from REPLEARN_MEMORY_BUDGET=8G", budget.Origin);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000000", 1_000_000)]
    [InlineData(" 12K ", 12_000)]
    [InlineData("12kb", 12_000)]
    [InlineData("1.5G", 1_500_000_000)]
    [InlineData("8Gi", 8L << 30)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("2t", 2_000_000_000_000)]
    [InlineData("1Ti", 1L << 40)]
    [InlineData("1.9", 1)]
    public void Sizes_parse_with_decimal_and_binary_units(string text, long bytes) =>
        Assert.Equal(bytes, MemoryBudget.ParseSize(text, MemoryBudget.EnvironmentVariable));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1e9")]
    [InlineData("8X")]
    [InlineData("8 G G")]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("1,000")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("99999999T")]
    [InlineData("G")]
    public void A_bad_environment_value_is_an_error_naming_the_variable_and_the_value(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => MemoryBudget.FromEnvironment(value + "x", 1 << 30));
        Assert.Equal("REPLEARN_MEMORY_BUDGET", e.ParamName);
        Assert.Contains($"REPLEARN_MEMORY_BUDGET = '{value}x'", e.Message);
        if (value.Trim().Length == 0) return;
        e = Assert.Throws<ArgumentException>(() => MemoryBudget.FromEnvironment(value, 1 << 30));
        Assert.Equal("REPLEARN_MEMORY_BUDGET", e.ParamName);
        Assert.Contains($"'{value}'", e.Message);
    }

    [Fact]
    public void Random_text_either_parses_to_a_positive_size_or_is_an_argument_error()
    {
        var random = new Random(11);
        const string alphabet = "0123456789.,+-eEKkMmGgTtiIbB xX";
        for (var i = 0; i < 5000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            try
            {
                Assert.True(MemoryBudget.ParseSize(text, "size") >= 1, text);
            }
            catch (ArgumentException e)
            {
                Assert.Equal("size", e.ParamName);
                Assert.Contains($"'{text}'", e.Message);
            }
        }
    }

    [Fact]
    public void An_explicit_budget_must_be_positive()
    {
        Assert.Equal(5, MemoryBudget.Of(5).Bytes);
        Assert.Equal("bytes", Assert.Throws<ArgumentOutOfRangeException>(() => MemoryBudget.Of(0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryBudget.Of(long.MinValue));
    }

    [Fact]
    public void Require_names_what_the_bytes_are_for_the_parameter_and_the_budget()
    {
        var budget = MemoryBudget.FromEnvironment(null, 23_600_000_000);
        var bytes = MemoryFootprint.TrainingBytes(785_000_400);
        var e = Assert.Throws<ArgumentException>(() =>
            budget.Require(bytes, $"hiddenDims [1000000] make a model of {MemoryBudget.ShowCount(785_000_400)} parameters", "hiddenDims", "to train"));
        Assert.Equal("hiddenDims", e.ParamName);
        Assert.StartsWith("hiddenDims [1000000] make a model of 785,000,400 parameters needing 31.4 GB to train, more than the memory budget of 11.8 GB "
            + "(half of the 23.6 GB available; set REPLEARN_MEMORY_BUDGET to change it)", e.Message);
        budget.Require(budget.Bytes, "exactly the budget", "x");
        Assert.Null(budget.Refusal(budget.Bytes, "exactly the budget"));
    }

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(999, "999 bytes")]
    [InlineData(1000, "1.0 KB")]
    [InlineData(97_300, "97.3 KB")]
    [InlineData(999_960, "1.0 MB")]
    [InlineData(31_400_016_000, "31.4 GB")]
    [InlineData(long.MaxValue, "more than 9.2 EB")]
    public void Sizes_print_in_decimal_units(long bytes, string shown) => Assert.Equal(shown, MemoryBudget.Show(bytes));

    [Fact]
    public void Footprints_follow_their_stated_constants()
    {
        Assert.Equal(40, MemoryFootprint.BytesPerTrainedParameter);
        Assert.Equal(400, MemoryFootprint.TrainingBytes(10));
        Assert.Equal(3L * (4 + 5) * 32, MemoryFootprint.ActivationBytes(3, [4, 5]));
        Assert.Equal(8000L * 28 * 28 * 8, MemoryFootprint.DataBytes([8000, 28, 28], 8));
        Assert.Equal(0, MemoryFootprint.DataBytes([0, long.MaxValue, long.MaxValue], 8));
        Assert.Equal((784 + 1) * 400 + (400 + 1) * 20, MemoryFootprint.DenseParameters([784, 400, 20]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryFootprint.TrainingBytes(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryFootprint.ActivationBytes(1, [3, -1]));
    }

    [Fact]
    public void Footprints_saturate_instead_of_overflowing()
    {
        Assert.Equal(long.MaxValue, MemoryFootprint.TrainingBytes(long.MaxValue / 2));
        Assert.Equal(long.MaxValue, MemoryFootprint.ActivationBytes(int.MaxValue, [int.MaxValue, int.MaxValue, int.MaxValue]));
        Assert.Equal(long.MaxValue, MemoryFootprint.DataBytes([uint.MaxValue, uint.MaxValue, uint.MaxValue], 8));
        Assert.Equal(long.MaxValue, MemoryFootprint.DenseParameters([int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue]));
        Assert.Equal(long.MaxValue, MemoryFootprint.Sum(long.MaxValue, 1));
        Assert.Equal(long.MaxValue, MemoryFootprint.Product(long.MaxValue, 2));
    }

    public static TheoryData<int, int, int[]> HugeShapes => new()
    {
        { 784, 16, [1_000_000_000] },
        { 784, 16, [46341, 46341] },
        { 784, int.MaxValue, [400] },
        { int.MaxValue, int.MaxValue, [int.MaxValue, int.MaxValue, int.MaxValue] },
    };

    [Theory]
    [MemberData(nameof(HugeShapes))]
    public void Core_parameter_counts_never_overflow(int input, int latent, int[] hidden)
    {
        var widths = ImmutableArray.Create(hidden);
        long[] counts =
        [
            CoreAutoencoder.ParameterCount(new AutoencoderConfig(input, latent, widths)),
            CoreVae.ParameterCount(new VaeConfig(input, latent, widths)),
            Contrastive.ParameterCount(new ContrastiveConfig(input, widths, latent, latent)),
            CoreAutoencoder.ActivationBytes(new AutoencoderConfig(input, latent, widths), int.MaxValue),
            CoreVae.ActivationBytes(new VaeConfig(input, latent, widths), int.MaxValue),
            Contrastive.ActivationBytes(new ContrastiveConfig(input, widths, latent, latent), int.MaxValue),
        ];
        Assert.All(counts, c => Assert.True(c > 2_000_000_000L, $"{c}"));
    }

    [Fact]
    public void Parameter_counts_are_exact_where_they_fit()
    {
        var config = new VaeConfig(784, 20, [400]);
        Assert.Equal(785 * 400 + 2 * 401 * 20 + 21 * 400 + 401 * 784, CoreVae.ParameterCount(config));
        Assert.Equal((785L * 1_000_000) + (1_000_001L * 16) + (17L * 1_000_000) + (1_000_001L * 784),
            CoreAutoencoder.ParameterCount(new AutoencoderConfig(784, 16, [1_000_000])));
        Assert.Equal(long.MaxValue, CoreAutoencoder.ParameterCount(new AutoencoderConfig(784, 16, [int.MaxValue, int.MaxValue])));
    }
}
