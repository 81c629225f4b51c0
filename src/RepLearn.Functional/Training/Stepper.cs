namespace RepLearn.Functional.Training;

/// <summary>
/// How <see cref="Train.Fit{T}"/> holds its parameters and optimizer state between steps: immutable trees updated by
/// the optimizer's pure functions (<see cref="TreeStepper{T}"/>), or, for the Adam chains, buffers the loop owns and
/// updates in place with the same arithmetic (<see cref="FusedAdam{T}"/>). Either way the caller only ever sees
/// immutable snapshots.
/// </summary>
internal abstract class Stepper<T> where T : ITree<T>
{
    /// <summary>The parameters the next step differentiates; called inside the step's arena scope.</summary>
    public abstract T Current();

    /// <summary>One optimizer update from <paramref name="gradients"/>; called inside the step's arena scope.</summary>
    public abstract void Apply(T gradients);

    /// <summary>The parameters and optimizer state now, as immutable trees no step will touch.</summary>
    public abstract (T Parameters, OptState State) Snapshot();

    /// <summary>The in-place runner when <paramref name="optimizer"/> is an Adam chain it can repeat bit for bit, else the tree stepper.</summary>
    public static Stepper<T> Start(GradientTransformation<T> optimizer, T parameters, OptState state, StepArena arena) =>
        (Stepper<T>?)FusedAdam<T>.TryStart(optimizer, parameters, state, arena) ?? new TreeStepper<T>(optimizer, parameters, state, arena);
}

/// <summary>The general stepper: (updates, state') = Update(g, state, p), p' = p + updates, all immutable.</summary>
internal sealed class TreeStepper<T>(GradientTransformation<T> optimizer, T parameters, OptState state, StepArena arena) : Stepper<T>
    where T : ITree<T>
{
    public override T Current() => parameters;

    public override void Apply(T gradients)
    {
        var (updates, next) = optimizer.Update(gradients, state, parameters);
        parameters = Transforms.ApplyUpdates(parameters, updates);
        state = next;
        // Both outlive the step: their buffers leave the arena.
        arena.Keep(parameters);
        arena.Keep(state);
    }

    public override (T Parameters, OptState State) Snapshot() => (parameters, state);
}
