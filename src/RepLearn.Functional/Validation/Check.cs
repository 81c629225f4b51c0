namespace RepLearn.Functional.Validation;

/// <summary>
/// The one home of argument checks, for the core, the facade and the CLI. Each takes the caller's own parameter name
/// (<c>Check.Positive(temperature, nameof(temperature))</c>; the CLI passes its flag, <c>"--lr"</c>) and throws
/// <see cref="ArgumentOutOfRangeException"/> (a value out of range) or <see cref="ArgumentException"/> (a shape or
/// content error) whose ParamName is that name and whose message says the rule and the value:
/// "b1 must be in [0, 1), got 1". Each returns the value it checked, so a check reads as an expression.
/// </summary>
/// <remarks>
/// Ranges, written once here and used everywhere: widths and counts &gt;= 1; learning rates, eps, clip norms, Gaussian
/// noise sigma &gt; 0 and finite; weight decay and beta &gt;= 0 and finite; Adam's b1, b2 and momentum in [0, 1);
/// masking probabilities in (0, 1) (a corruption of strength 0 is <c>Corruption.None</c>, not a corruption); temperatures
/// finite, &gt; 0, with 1 / tau finite. Augmentations are not corruptions: their strengths may be 0 (off).
/// </remarks>
public static partial class Check
{
    /// <summary>A double as messages show it: shortest round-trip form, invariant culture ("0.001", "NaN", "-Infinity").</summary>
    public static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><paramref name="value"/>, or <see cref="ArgumentNullException"/> naming <paramref name="name"/>.</summary>
    public static T NotNull<T>(T? value, string name) where T : class => value ?? throw new ArgumentNullException(name);

    /// <summary>An integer &gt;= <paramref name="min"/>: "epochs must be &gt;= 1, got 0".</summary>
    public static int AtLeast(int value, int min, string name) =>
        value >= min ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= {min}, got {value}");

    /// <summary>A count &gt;= <paramref name="min"/> (step counts, sample counts).</summary>
    public static long AtLeast(long value, long min, string name) =>
        value >= min ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be >= {min}, got {value}");

    /// <summary>Every width &gt;= 1: "every width in hiddenDims must be &gt;= 1, got 0".</summary>
    public static IEnumerable<int> Widths(IEnumerable<int> widths, string name)
    {
        foreach (var w in widths)
            if (w < 1) throw new ArgumentOutOfRangeException(name, w, $"every width in {name} must be >= 1, got {w}");
        return widths;
    }

    /// <summary>A finite number: "decoderLogVar must be finite, got NaN".</summary>
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite, got {Show(value)}");

    /// <summary>A finite number &gt; 0: "sigma must be finite and &gt; 0, got 0".</summary>
    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0, got {Show(value)}");

    /// <summary>A finite number &gt;= 0: "beta must be finite and &gt;= 0, got -1".</summary>
    public static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and >= 0, got {Show(value)}");

    /// <summary>
    /// A number in the interval from <paramref name="low"/> to <paramref name="high"/>, each end closed unless said
    /// open: "b1 must be in [0, 1), got 1". NaN is never in range.
    /// </summary>
    public static double InRange(double value, double low, double high, string name, bool lowOpen = false, bool highOpen = false)
    {
        var ok = (lowOpen ? value > low : value >= low) && (highOpen ? value < high : value <= high);
        return ok ? value : throw new ArgumentOutOfRangeException(name, value,
            $"{name} must be in {(lowOpen ? "(" : "[")}{Show(low)}, {Show(high)}{(highOpen ? ")" : "]")}, got {Show(value)}");
    }

    /// <summary>A probability in [0, 1].</summary>
    public static double Probability(double p, string name) => InRange(p, 0, 1, name);

    /// <summary>A decay rate in [0, 1) (Adam's b1 and b2, momentum, an exponential moving average).</summary>
    public static double Decay(double value, string name) => InRange(value, 0, 1, name, highOpen: true);

    /// <summary>A masking probability in (0, 1): 0 masks nothing (no corruption), 1 masks everything (nothing to learn).</summary>
    public static double MaskingProbability(double p, string name) => InRange(p, 0, 1, name, lowOpen: true, highOpen: true);

    /// <summary>A softmax temperature: finite, &gt; 0, and 1 / tau finite (NUMERICS.md: tau = 1e-4 is fine, 1e-320 is not).</summary>
    public static double Temperature(double temperature, string name = "temperature") =>
        temperature > 0 && double.IsFinite(temperature) && double.IsFinite(1 / temperature) ? temperature
        : throw new ArgumentOutOfRangeException(name, temperature, $"{name} must be finite and > 0 (and 1 / {name} finite), got {Show(temperature)}");

    /// <summary>A named member of <typeparamref name="TEnum"/> (a cast such as (Likelihood)42 is not).</summary>
    public static TEnum Defined<TEnum>(TEnum value, string name) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(name, value,
            $"{name} = {Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not a defined {typeof(TEnum).Name}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}");

    /// <summary>The side of square images making rows of <paramref name="inputDim"/> values: side &gt;= 2 and side^2 = inputDim.</summary>
    public static int ImageSide(int side, int inputDim, string name, string inputName = "inputDim") =>
        side >= 2 && (long)side * side == inputDim ? side
        : throw new ArgumentOutOfRangeException(name, side, $"{name}^2 must equal {inputName} = {inputDim}, got {name} = {side}");

    /// <summary>Two tensors of the same shape: "logVar is 2x3 but mu is 2x4; they must match" (ParamName the second).</summary>
    public static void SameShape(Tensor a, string aName, Tensor b, string bName)
    {
        if (!a.SameShape(b))
            throw new ArgumentException($"{aName} is {a.ShapeString} but {bName} is {b.ShapeString}; they must match", bName);
    }
}
