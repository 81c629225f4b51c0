using System.Runtime.CompilerServices;

namespace RepLearn.Functional.Optim;

/// <summary>What one link of a chain does, for the in-place runner (<see cref="FusedAdam{T}"/>) to repeat bit for bit.</summary>
internal abstract record FusedLink
{
    /// <summary>u = g (<see cref="Transforms.Identity{T}"/>).</summary>
    public sealed record Identity : FusedLink;

    /// <summary>g min(1, max / ||g||) (<see cref="Transforms.ClipByGlobalNorm{T}"/>).</summary>
    public sealed record Clip(double MaxNorm) : FusedLink;

    /// <summary>Adam's rescaling (<see cref="Transforms.ScaleByAdam{T}"/>).</summary>
    public sealed record Adam(double B1, double B2, double Eps) : FusedLink;

    /// <summary>u + w p (<see cref="Transforms.AddDecayedWeights{T}"/>).</summary>
    public sealed record Decay(double WeightDecay) : FusedLink;

    /// <summary>-lr(t) u (<see cref="Transforms.ScaleByLearningRate{T}"/>).</summary>
    public sealed record LearningRate(Schedule Schedule) : FusedLink;

    /// <summary>A chain of links (<see cref="Transforms.Chain{T}"/>).</summary>
    public sealed record Chain(ImmutableArray<FusedLink> Links) : FusedLink;
}

/// <summary>
/// The links behind transformations, keyed by their Update delegate: a transformation rebuilt with another Update
/// (<c>with { Update = ... }</c>) is not found, so it never runs as the link it was copied from.
/// </summary>
internal static class FusedLinks
{
    private static readonly ConditionalWeakTable<Delegate, FusedLink> Table = [];

    /// <summary>Records what <paramref name="transformation"/> does and returns it.</summary>
    public static GradientTransformation<T> Describe<T>(GradientTransformation<T> transformation, FusedLink link) where T : ITree<T>
    {
        Table.AddOrUpdate(transformation.Update, link);
        return transformation;
    }

    /// <summary>The link recorded for <paramref name="transformation"/>, or null.</summary>
    public static FusedLink? Of<T>(GradientTransformation<T> transformation) where T : ITree<T> =>
        Table.TryGetValue(transformation.Update, out var link) ? link : null;
}
