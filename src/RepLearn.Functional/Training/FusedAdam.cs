using System.Numerics;
using System.Runtime.InteropServices;

namespace RepLearn.Functional.Training;

/// <summary>
/// Adam chains run in place: Chain([Identity | ClipByGlobalNorm]*, ScaleByAdam, [Identity | AddDecayedWeights]*,
/// ScaleByLearningRate, [Identity]*) with at most one clip and one decay, which is every <see cref="OptimizerRecipe"/>
/// with Adam and <see cref="Optimizers.Adam{T}(double, double, double, double)"/> and <see cref="Optimizers.AdamW{T}"/>.
/// The loop owns the parameters and both moments (copied in once) and one pass per leaf does what the chain and
/// <see cref="Transforms.ApplyUpdates{T}"/> do in five: g' = s g (clip), m = b1 m + (1 - b1) g', v = b2 v + (1 - b2) g'^2,
/// u = (m / c1) / (sqrt(v / c2) + eps), u = u + w p (rounded once from double, as Tree.Elementwise), p = p + (-lr) u, with
/// the same operations in the same order and precision, so the parameters and state are the same bits as the chain's
/// (a test compares them). Nothing is allocated per step; a snapshot is a fresh copy (the starting trees themselves
/// before the first update).
/// </summary>
internal sealed class FusedAdam<T> : Stepper<T> where T : ITree<T>
{
    private readonly T template;
    private readonly ChainState initialState;
    private readonly int adamLink, rateLink;
    private readonly double? clipNorm;
    private readonly double? weightDecay;
    private readonly FusedLink.Adam adam;
    private readonly Schedule learningRate;
    private readonly Array[] parameters, mu, nu;
    private readonly (int Rows, int Cols)[] shapes;
    private readonly AdamState<T> initialAdam;
    private long adamSteps, rateSteps;
    private (T Parameters, OptState State)? snapshot; // the last snapshot, until the next update

    private FusedAdam(T template, ChainState state, int adamLink, int rateLink, double? clipNorm, double? weightDecay, FusedLink.Adam adam,
        Schedule learningRate, StepArena arena)
    {
        this.template = template;
        initialState = state;
        snapshot = (template, state);
        this.adamLink = adamLink;
        this.rateLink = rateLink;
        this.clipNorm = clipNorm;
        this.weightDecay = weightDecay;
        this.adam = adam;
        this.learningRate = learningRate;
        initialAdam = (AdamState<T>)state.Links[adamLink];
        adamSteps = initialAdam.Steps;
        rateSteps = ((CountState)state.Links[rateLink]).Steps;
        var leaves = Tree.Leaves(template);
        shapes = [.. leaves.Select(l => (l.Leaf.Rows, l.Leaf.Cols))];
        parameters = [.. leaves.Select(l => Copy(l.Leaf))];
        mu = [.. Tree.Leaves(initialAdam.Mu).Select(l => Copy(l.Leaf))];
        nu = [.. Tree.Leaves(initialAdam.Nu).Select(l => Copy(l.Leaf))];
        foreach (var buffer in parameters) arena.Own(buffer);
    }

    /// <summary>The runner, or null when the optimizer is not such a chain or the state is not its state for these parameters.</summary>
    public static FusedAdam<T>? TryStart(GradientTransformation<T> optimizer, T parameters, OptState state, StepArena arena)
    {
        if (FusedLinks.Of(optimizer) is not FusedLink.Chain chain || state is not ChainState chainState
            || chainState.Links.Length != chain.Links.Length) return null;
        int adamAt = -1, rateAt = -1;
        double? clip = null, decay = null;
        for (var i = 0; i < chain.Links.Length; i++)
            switch (chain.Links[i], chainState.Links[i])
            {
                case (FusedLink.Identity, EmptyState): break;
                case (FusedLink.Clip c, EmptyState) when adamAt < 0 && clip is null: clip = c.MaxNorm; break;
                case (FusedLink.Adam, AdamState<T>) when adamAt < 0: adamAt = i; break;
                case (FusedLink.Decay d, EmptyState) when adamAt >= 0 && rateAt < 0 && decay is null: decay = d.WeightDecay; break;
                case (FusedLink.LearningRate, CountState) when adamAt >= 0 && rateAt < 0: rateAt = i; break;
                default: return null;
            }
        if (adamAt < 0 || rateAt < 0 || !Matches(parameters, (AdamState<T>)chainState.Links[adamAt])) return null;
        return new FusedAdam<T>(parameters, chainState, adamAt, rateAt, clip, decay, (FusedLink.Adam)chain.Links[adamAt],
            ((FusedLink.LearningRate)chain.Links[rateAt]).Schedule, arena);
    }

    /// <summary>True when both moments have the parameters' leaves (count, shape and dtype).</summary>
    private static bool Matches(T parameters, AdamState<T> state)
    {
        var p = Tree.Leaves(parameters);
        var m = Tree.Leaves(state.Mu);
        var v = Tree.Leaves(state.Nu);
        if (m.Count != p.Count || v.Count != p.Count) return false;
        for (var i = 0; i < p.Count; i++)
            if (!Same(p[i].Leaf, m[i].Leaf) || !Same(p[i].Leaf, v[i].Leaf)) return false;
        return true;

        static bool Same(Tensor a, Tensor b) => a.SameShape(b) && a.DType == b.DType;
    }

    public override T Current() =>
        Tree.Unflatten(template, [.. parameters.Select((buffer, i) => Wrap(buffer, shapes[i]))]);

    public override void Apply(T gradients)
    {
        var lr = learningRate(rateSteps);
        if (!double.IsFinite(lr)) throw new ArgumentOutOfRangeException(nameof(learningRate), lr, $"the schedule gave a non-finite learning rate at step {rateSteps}");
        double? scale = null;
        if (clipNorm is { } max && Tree.GlobalNorm(gradients) is var norm && norm > max) scale = max / norm;
        var t = adamSteps + 1;
        var step = new Coefficients(adam.B1, adam.B2, 1 - Math.Pow(adam.B1, t), 1 - Math.Pow(adam.B2, t), adam.Eps, scale, weightDecay, -lr);
        var g = Tree.Leaves(gradients);
        for (var i = 0; i < parameters.Length; i++)
            if (parameters[i] is double[] p) Update(p, (double[])mu[i], (double[])nu[i], g[i].Leaf.BufferOf<double>(), step);
            else Update((float[])parameters[i], (float[])mu[i], (float[])nu[i], g[i].Leaf.BufferOf<float>(), step);
        adamSteps = t;
        rateSteps++;
        snapshot = null;
    }

    public override (T Parameters, OptState State) Snapshot() => snapshot ??= Copy();

    private (T Parameters, OptState State) Copy()
    {
        var links = initialState.Links.ToBuilder();
        links[adamLink] = new AdamState<T>(adamSteps,
            Tree.Unflatten(initialAdam.Mu, [.. mu.Select((b, i) => Wrap(Copy(b), shapes[i]))]),
            Tree.Unflatten(initialAdam.Nu, [.. nu.Select((b, i) => Wrap(Copy(b), shapes[i]))]));
        links[rateLink] = new CountState(rateSteps);
        return (Tree.Unflatten(template, [.. parameters.Select((b, i) => Wrap(Copy(b), shapes[i]))]), new ChainState(links.MoveToImmutable()));
    }

    /// <summary>Per-step scalars: the chain's hyperparameters, Adam's bias corrections c1 = 1 - b1^t, c2 = 1 - b2^t, the clip factor, -lr.</summary>
    private readonly record struct Coefficients(double B1, double B2, double C1, double C2, double Eps, double? Scale, double? WeightDecay, double NegativeRate);

    /// <summary>One leaf, split across threads in ranges (each element is updated alike wherever it falls).</summary>
    private static void Update<TE>(TE[] p, TE[] m, TE[] v, TE[] g, Coefficients k) where TE : unmanaged, IFloatingPointIeee754<TE> =>
        ParallelChunks.For(p.Length, (start, count) =>
            Update(p.AsSpan(start, count), m.AsSpan(start, count), v.AsSpan(start, count), g.AsSpan(start, count), k));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update<TE>(Span<TE> p, Span<TE> m, Span<TE> v, ReadOnlySpan<TE> g, Coefficients k) where TE : unmanaged, IFloatingPointIeee754<TE>
    {
        // The scalars as the chain rounds them: Adam's (AdamCoefficients), Kernels.Scale's s.
        var adam = new AdamCoefficients<TE>(k.B1, k.B2, k.C1, k.C2, k.Eps);
        TE scale = TE.CreateTruncating(k.Scale ?? 1), rate = TE.CreateTruncating(k.NegativeRate);
        bool scaled = k.Scale is not null, decayed = k.WeightDecay is not null;
        var w = k.WeightDecay ?? 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var n = Vector<TE>.Count;
            Vector<TE> vs = new(scale), vr = new(rate);
            ref var rp = ref MemoryMarshal.GetReference(p);
            ref var rm = ref MemoryMarshal.GetReference(m);
            ref var rv = ref MemoryMarshal.GetReference(v);
            ref var rg = ref MemoryMarshal.GetReference(g);
            for (; i <= p.Length - n; i += n)
            {
                var gi = Vector.LoadUnsafe(ref rg, (nuint)i);
                if (scaled) gi *= vs;
                var (mi, vi) = (Vector.LoadUnsafe(ref rm, (nuint)i), Vector.LoadUnsafe(ref rv, (nuint)i));
                var u = adam.Step(gi, ref mi, ref vi);
                mi.StoreUnsafe(ref rm, (nuint)i);
                vi.StoreUnsafe(ref rv, (nuint)i);
                var pi = Vector.LoadUnsafe(ref rp, (nuint)i);
                if (decayed) u = Decay(u, pi, w);
                (pi + u * vr).StoreUnsafe(ref rp, (nuint)i);
            }
        }
        for (; i < p.Length; i++)
        {
            var u = adam.Step(scaled ? scale * g[i] : g[i], ref m[i], ref v[i]);
            if (decayed) u = TE.CreateTruncating(double.CreateTruncating(u) + w * double.CreateTruncating(p[i]));
            p[i] += rate * u;
        }
    }

    /// <summary>u + w p evaluated in double and rounded once (Tree.Elementwise's rule), lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<TE> Decay<TE>(Vector<TE> u, Vector<TE> p, double w) where TE : unmanaged, IFloatingPointIeee754<TE>
    {
        var vw = new Vector<double>(w);
        if (typeof(TE) == typeof(double)) return (u.As<TE, double>() + vw * p.As<TE, double>()).As<double, TE>();
        Vector.Widen(u.As<TE, float>(), out var ulo, out var uhi);
        Vector.Widen(p.As<TE, float>(), out var plo, out var phi);
        return Vector.Narrow(ulo + vw * plo, uhi + vw * phi).As<float, TE>();
    }

    private static Array Copy(Tensor leaf) => leaf.DType == DType.Float32 ? leaf.SpanF32.ToArray() : leaf.Span.ToArray();

    private static Array Copy(Array buffer) => (Array)buffer.Clone();

    private static Tensor Wrap(Array buffer, (int Rows, int Cols) shape) => buffer is double[] d
        ? Tensor.Wrap(shape.Rows, shape.Cols, d)
        : Tensor.Wrap(shape.Rows, shape.Cols, (float[])buffer);
}
