namespace RepLearn.Functional.Optim;

/// <summary>Maps gradients (and the current parameters) and a state to updates and a new state.</summary>
public delegate (T Updates, OptState State) UpdateFn<T>(T gradients, OptState state, T parameters) where T : ITree<T>;

/// <summary>
/// An optimizer in the optax style: a pair of pure functions, <c>Init(params) -> state</c> and
/// <c>Update(grads, state, params) -> (updates, state')</c>. New parameters are
/// <c>params + updates</c> (<see cref="Transforms.ApplyUpdates{T}"/>); transformations compose with
/// <see cref="Transforms.Chain{T}"/>.
/// </summary>
/// <example><code>
/// var adam = Optimizers.Adam&lt;Mlp&gt;(1e-3);
/// var state = adam.Init(parameters);
/// var (updates, next) = adam.Update(grads, state, parameters);
/// parameters = Transforms.ApplyUpdates(parameters, updates);
/// </code></example>
public sealed record GradientTransformation<T>(Func<T, OptState> Init, UpdateFn<T> Update) where T : ITree<T>;

/// <summary>A learning rate as a function of the step count (0 at the first update).</summary>
public delegate double Schedule(long step);
