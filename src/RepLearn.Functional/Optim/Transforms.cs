namespace RepLearn.Functional.Optim;

/// <summary>The building blocks optimizers are chained from (names as in optax).</summary>
public static class Transforms
{
    /// <summary>params' = params + updates.</summary>
    public static T ApplyUpdates<T>(T parameters, T updates) where T : ITree<T> => Tree.Add(parameters, updates);

    /// <summary>
    /// Adam's rescaling (Kingma and Ba 2015): m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
    /// u = m_hat / (sqrt(v_hat) + eps) with m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t).
    /// A zero gradient gives a zero update (0 / (0 + eps) = 0).
    /// </summary>
    public static GradientTransformation<T> ScaleByAdam<T>(double b1 = 0.9, double b2 = 0.999, double eps = 1e-8) where T : ITree<T>
    {
        Check.Decay(b1, nameof(b1));
        Check.Decay(b2, nameof(b2));
        Check.Positive(eps, nameof(eps));
        return FusedLinks.Describe(new GradientTransformation<T>(
            p => new AdamState<T>(0, Tree.ZerosLike(p), Tree.ZerosLike(p)),
            (g, s, _) =>
            {
                var state = (AdamState<T>)s;
                var t = state.Steps + 1;
                var c1 = 1 - Math.Pow(b1, t);
                var c2 = 1 - Math.Pow(b2, t);
                // One fused pass per leaf; the three results are gathered leaf by leaf in the same order.
                var steps = Tree.Leaves(g).Zip(Tree.Leaves(state.Mu), Tree.Leaves(state.Nu))
                    .Select(l => AdamKernel.Step(l.First.Leaf, l.Second.Leaf, l.Third.Leaf, b1, b2, c1, c2, eps)).ToList();
                var mu = Tree.Unflatten(g, steps.ConvertAll(s => s.Mu));
                var nu = Tree.Unflatten(g, steps.ConvertAll(s => s.Nu));
                var updates = Tree.Unflatten(g, steps.ConvertAll(s => s.Update));
                return (updates, new AdamState<T>(t, mu, nu));
            }), new FusedLink.Adam(b1, b2, eps));
    }

    /// <summary>Momentum: trace = g + decay trace; u = trace, or g + decay trace for Nesterov (Sutskever et al. 2013).</summary>
    public static GradientTransformation<T> Trace<T>(double decay, bool nesterov = false) where T : ITree<T>
    {
        Check.Decay(decay, nameof(decay));
        return new(
            p => new TraceState<T>(Tree.ZerosLike(p)),
            (g, s, _) =>
            {
                var trace = Tree.Zip(g, ((TraceState<T>)s).Trace, (x, t) => Tree.Elementwise(x, t, (xv, tv) => xv + decay * tv));
                var updates = nesterov ? Tree.Zip(g, trace, (x, t) => Tree.Elementwise(x, t, (xv, tv) => xv + decay * tv)) : trace;
                return (updates, new TraceState<T>(trace));
            });
    }

    /// <summary>u = -lr(t) g: the descent step with a schedule (count t starts at 0).</summary>
    public static GradientTransformation<T> ScaleByLearningRate<T>(Schedule learningRate) where T : ITree<T> => FusedLinks.Describe(new GradientTransformation<T>(
        _ => new CountState(0),
        (g, s, _) =>
        {
            var steps = ((CountState)s).Steps;
            var lr = learningRate(steps);
            if (!double.IsFinite(lr)) throw new ArgumentOutOfRangeException(nameof(learningRate), lr, $"the schedule gave a non-finite learning rate at step {steps}");
            return (Tree.Scale(g, -lr), new CountState(steps + 1));
        }), new FusedLink.LearningRate(learningRate));

    /// <summary>u = g + w params: decoupled weight decay (Loshchilov and Hutter 2019), before the learning rate.</summary>
    public static GradientTransformation<T> AddDecayedWeights<T>(double weightDecay) where T : ITree<T>
    {
        Check.NonNegative(weightDecay, nameof(weightDecay));
        return FusedLinks.Describe(new GradientTransformation<T>(_ => EmptyState.Instance,
            (g, s, p) => (Tree.Zip(g, p, (x, w) => Tree.Elementwise(x, w, (xv, wv) => xv + weightDecay * wv)), s)), new FusedLink.Decay(weightDecay));
    }

    /// <summary>g * min(1, maxNorm / ||g||) with ||g|| the global L2 norm over all leaves (Pascanu et al. 2013).</summary>
    public static GradientTransformation<T> ClipByGlobalNorm<T>(double maxNorm) where T : ITree<T>
    {
        Check.Positive(maxNorm, nameof(maxNorm));
        return FusedLinks.Describe(new GradientTransformation<T>(_ => EmptyState.Instance, (g, s, _) =>
        {
            var norm = Tree.GlobalNorm(g);
            return (norm > maxNorm ? Tree.Scale(g, maxNorm / norm) : g, s);
        }), new FusedLink.Clip(maxNorm));
    }

    /// <summary>
    /// Wraps <paramref name="inner"/>: when any gradient is NaN or infinite the step is skipped
    /// (zero updates, inner state unchanged, the skip counted); otherwise the inner update applies.
    /// </summary>
    public static GradientTransformation<T> SkipIfNotFinite<T>(GradientTransformation<T> inner) where T : ITree<T> => new(
        p => new SkipState(0, inner.Init(p)),
        (g, s, p) =>
        {
            var state = (SkipState)s;
            if (!Tree.AllFinite(g)) return (Tree.ZerosLike(g), state with { Skipped = state.Skipped + 1 });
            var (u, next) = inner.Update(g, state.Inner, p);
            return (u, state with { Inner = next });
        });

    /// <summary>u = g: a stateless link that changes nothing (a placeholder that keeps a chain's shape fixed).</summary>
    public static GradientTransformation<T> Identity<T>() where T : ITree<T> =>
        FusedLinks.Describe(new GradientTransformation<T>(_ => EmptyState.Instance, (g, s, _) => (g, s)), new FusedLink.Identity());

    /// <summary>Applies transformations in sequence, each to the previous one's updates.</summary>
    public static GradientTransformation<T> Chain<T>(params GradientTransformation<T>[] links) where T : ITree<T>
    {
        links = [.. links]; // a copy: the chain (and its description below) must not change if the caller's array does
        var chain = new GradientTransformation<T>(
            p => new ChainState([.. links.Select(l => l.Init(p))]),
            (g, s, p) =>
            {
                var states = ((ChainState)s).Links;
                var updates = g;
                var next = new OptState[links.Length];
                for (var i = 0; i < links.Length; i++)
                    (updates, next[i]) = links[i].Update(updates, states[i], p);
                return (updates, new ChainState([.. next]));
            });
        var described = links.Select(FusedLinks.Of).ToList();
        return described.Contains(null) ? chain : FusedLinks.Describe(chain, new FusedLink.Chain([.. described.Select(l => l!)]));
    }
}
