namespace RepLearn;

/// <summary>
/// The facade's use of <see cref="MemoryBudget"/>: a model over budget is refused before its parameters are
/// allocated, naming the constructor parameter most responsible; a batch over budget is refused before training.
/// </summary>
internal static class Budgets
{
    /// <summary>The name of the optional budget parameter on constructors, loaders and evaluations.</summary>
    public const string ParameterName = "memoryBudget";

    /// <summary>An explicit budget of <paramref name="bytes"/>, or <see cref="MemoryBudget.Default"/> when null.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> &lt; 1 (ParamName "memoryBudget").</exception>
    public static MemoryBudget Resolve(long? bytes) => bytes switch
    {
        null => MemoryBudget.Default,
        >= 1 => MemoryBudget.Of(bytes.Value, $"the {ParameterName} argument"),
        _ => throw new ArgumentOutOfRangeException(ParameterName, bytes, $"{ParameterName} must be at least 1 byte, got {bytes}"),
    };

    /// <summary>One constructor parameter's share of a model: its name, its value as shown, and the parameter count were it 1.</summary>
    public readonly record struct Part(string Name, string Value, long CountIfOne);

    /// <summary>
    /// Refuses a model of <paramref name="count"/> parameters whose training footprint exceeds the budget. The
    /// error names the part whose shrinking to 1 would remove the most parameters (ties: the first listed).
    /// </summary>
    /// <exception cref="ArgumentException">Over budget; ParamName is the responsible part's name.</exception>
    public static void RequireModel(MemoryBudget budget, long count, params Part[] parts)
    {
        var bytes = MemoryFootprint.TrainingBytes(count);
        if (budget.Allows(bytes)) return;
        var culprit = parts.MaxBy(p => count - p.CountIfOne);
        var verb = culprit.Value.StartsWith('[') ? "make" : "makes";
        budget.Require(bytes, $"{culprit.Name} {culprit.Value} {verb} a model of {MemoryBudget.ShowCount(count)} parameters", culprit.Name, "to train");
    }

    /// <summary>
    /// Refuses training whose model footprint plus one step's activations exceed the budget. A step holds
    /// min(BatchSize, rows) rows.
    /// </summary>
    /// <exception cref="ArgumentException">Over budget; ParamName "options", the message names BatchSize and its value.</exception>
    public static void RequireBatch(MemoryBudget budget, TrainOptions options, int rows, long parameterCount, Func<long, long> activationBytes)
    {
        var batch = Math.Min(options.BatchSize, rows);
        var bytes = MemoryFootprint.Sum(MemoryFootprint.TrainingBytes(parameterCount), activationBytes(batch));
        budget.Require(bytes, $"options.BatchSize = {options.BatchSize} (steps of {MemoryBudget.ShowCount(batch)} rows) with a model of "
            + $"{MemoryBudget.ShowCount(parameterCount)} parameters", "options", "to train");
    }

    /// <summary>Hidden widths as messages show them: "[1000000]", "[46341, 46341]".</summary>
    public static string Show(IEnumerable<int> widths) => $"[{string.Join(", ", widths)}]";

    /// <summary>Every width replaced by 1: the hidden layers' smallest share.</summary>
    public static int[] Ones(IEnumerable<int> widths) => [.. widths.Select(_ => 1)];
}
