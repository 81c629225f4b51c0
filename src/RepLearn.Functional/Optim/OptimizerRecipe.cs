namespace RepLearn.Functional.Optim;

/// <summary>The direction-finding link of an <see cref="OptimizerRecipe"/>.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba 2015): <see cref="Transforms.ScaleByAdam{T}"/> with b1 0.9, b2 0.999, eps 1e-8. The default.</summary>
    Adam,
    /// <summary>Heavy-ball momentum 0.9: <see cref="Transforms.Trace{T}"/>.</summary>
    Momentum,
    /// <summary>Plain gradient descent: an identity link.</summary>
    Sgd,
}

/// <summary>
/// How a model trains, as data: Chain(ClipByGlobalNorm or Identity, the optimizer's link, AddDecayedWeights,
/// ScaleByLearningRate). Always four links, so that for one <see cref="Optimizer"/> the state has one shape whatever
/// the clip and decay say: a checkpoint saved under any of them loads and resumes under any other. The optimizer kind
/// changes the state's shape, so it is recorded in checkpoint metadata (<c>optimizer</c>; absent means Adam, as every
/// checkpoint written before it was).
/// </summary>
/// <param name="LearningRate">Finite, &gt; 0.</param>
/// <param name="WeightDecay">Decoupled weight decay (AdamW with Adam), finite, &gt;= 0.</param>
/// <param name="ClipNorm">Clip gradients to this global L2 norm (finite, &gt; 0), or null.</param>
/// <param name="Optimizer">The direction-finding link; Adam by default.</param>
public sealed record OptimizerRecipe(double LearningRate = 1e-3, double WeightDecay = 0, double? ClipNorm = null, OptimizerKind Optimizer = OptimizerKind.Adam)
{
    /// <summary>Metadata keys of the recipe in a checkpoint.</summary>
    public const string LearningRateKey = "learning_rate", WeightDecayKey = "weight_decay", ClipNormKey = "clip_norm", OptimizerKey = "optimizer";

    /// <summary>This recipe after checking every value (ArgumentOutOfRangeException naming the property).</summary>
    public OptimizerRecipe Validated()
    {
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.NonNegative(WeightDecay, nameof(WeightDecay));
        if (ClipNorm is { } c) Check.Positive(c, nameof(ClipNorm));
        Check.Defined(Optimizer, nameof(Optimizer));
        return this;
    }

    /// <summary>The optimizer: always four links (see the type's summary).</summary>
    public GradientTransformation<T> Build<T>() where T : ITree<T> => Transforms.Chain(
        ClipNorm is { } clip ? Transforms.ClipByGlobalNorm<T>(clip) : Transforms.Identity<T>(),
        Optimizer switch
        {
            OptimizerKind.Momentum => Transforms.Trace<T>(0.9),
            OptimizerKind.Sgd => Transforms.Identity<T>(),
            _ => Transforms.ScaleByAdam<T>(),
        },
        Transforms.AddDecayedWeights<T>(WeightDecay),
        Transforms.ScaleByLearningRate<T>(Schedules.Constant(LearningRate)));

    /// <summary>The recipe as checkpoint metadata; Adam is not written, so an Adam checkpoint reads as before the key existed.</summary>
    public ImmutableSortedDictionary<string, string> ToMetadata()
    {
        var meta = ImmutableSortedDictionary<string, string>.Empty
            .Add(LearningRateKey, CheckpointMetadata.Format(LearningRate))
            .Add(WeightDecayKey, CheckpointMetadata.Format(WeightDecay));
        if (ClipNorm is { } clip) meta = meta.Add(ClipNormKey, CheckpointMetadata.Format(clip));
        if (Optimizer != OptimizerKind.Adam) meta = meta.Add(OptimizerKey, CheckpointMetadata.Format(Optimizer));
        return meta;
    }

    /// <summary>The optimizer kind a checkpoint's state was made by: its <c>optimizer</c> key, or Adam when absent.</summary>
    public static OptimizerKind KindIn(CheckpointMetadata meta) => meta.Has(OptimizerKey) ? meta.Enum<OptimizerKind>(OptimizerKey) : OptimizerKind.Adam;

    /// <summary>
    /// The recipe a checkpoint recorded with its learning rate, or null when it recorded none (saved before any
    /// training). A present value must be valid: learning_rate finite and &gt; 0, weight_decay finite and &gt;= 0,
    /// clip_norm finite and &gt; 0; weight_decay and clip_norm never come without learning_rate.
    /// </summary>
    /// <exception cref="InvalidDataException">A value is not a valid number or is out of range; the message names the file, the key and the value.</exception>
    public static OptimizerRecipe? FromMetadata(CheckpointMetadata meta)
    {
        if (!meta.Has(LearningRateKey))
        {
            foreach (var key in (string[])[WeightDecayKey, ClipNormKey])
                if (meta.Has(key)) throw meta.Invalid(key, "is recorded without batch_size and learning_rate; a checkpoint records them together");
            return null;
        }
        var learningRate = meta.Double(LearningRateKey);
        if (!(learningRate > 0)) throw meta.Invalid(LearningRateKey, "is not > 0");
        var weightDecay = meta.Has(WeightDecayKey) ? meta.Double(WeightDecayKey) : 0;
        if (!(weightDecay >= 0)) throw meta.Invalid(WeightDecayKey, "is not >= 0");
        double? clip = meta.Has(ClipNormKey) ? meta.Double(ClipNormKey) : null;
        if (clip is <= 0) throw meta.Invalid(ClipNormKey, "is not > 0");
        return new OptimizerRecipe(learningRate, weightDecay, clip, KindIn(meta));
    }
}
