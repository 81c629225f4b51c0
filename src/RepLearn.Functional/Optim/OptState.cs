namespace RepLearn.Functional.Optim;

/// <summary>
/// An optimizer's state: immutable, and a tree like the parameters (optax's states are trees by construction), so
/// <see cref="Tree.Map{T}"/>, <see cref="Tree.Leaves{T}"/> and checkpoints work on it unchanged. The root of a
/// polymorphic tree: its generated Flatten and Unflatten dispatch to the concrete state record. Step counts are
/// counts (auxiliary data: Map and Zip keep them; checkpoints store them, as 1 x 1 tensors at their paths).
/// </summary>
[Tree]
public abstract partial record OptState;

/// <summary>No state (a stateless transformation).</summary>
[Tree]
public sealed partial record EmptyState : OptState
{
    /// <summary>The one instance.</summary>
    public static readonly EmptyState Instance = new();
}

/// <summary>A step counter (for schedules), stored as "count".</summary>
/// <param name="Steps">Updates applied so far.</param>
[Tree]
public sealed partial record CountState([TreePath("count")] long Steps) : OptState;

/// <summary>Adam's state: step count and first and second moment estimates ("count", "mu.*", "nu.*").</summary>
/// <param name="Steps">Updates applied so far (t - 1 at update t).</param>
/// <param name="Mu">The first-moment estimate m.</param>
/// <param name="Nu">The second-moment estimate v.</param>
[Tree]
public sealed partial record AdamState<T>([TreePath("count")] long Steps, T Mu, T Nu) : OptState where T : ITree<T>;

/// <summary>Momentum's state: the running trace ("trace.*").</summary>
/// <param name="Trace">g + decay trace, accumulated.</param>
[Tree]
public sealed partial record TraceState<T>(T Trace) : OptState where T : ITree<T>;

/// <summary>The states of a chain, one per link ("0.*", "1.*", ...).</summary>
/// <param name="Links">Link i's state.</param>
[Tree]
public sealed partial record ChainState([TreePath("")] ImmutableArray<OptState> Links) : OptState;

/// <summary>State of <see cref="Transforms.SkipIfNotFinite{T}"/>: how many steps were skipped ("skipped"), and the inner state ("inner.*").</summary>
/// <param name="Skipped">Steps skipped so far.</param>
/// <param name="Inner">The wrapped transformation's state.</param>
[Tree]
public sealed partial record SkipState(long Skipped, OptState Inner) : OptState;
