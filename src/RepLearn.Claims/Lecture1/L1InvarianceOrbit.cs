namespace RepLearn.Claims;

using Activation = RepLearn.Functional.Nn.Activation;

/// <summary>The finite groups acting on 1-D "images" in the invariance claims.</summary>
public enum FiniteGroup
{
    /// <summary>Cyclic pixel shifts, Z_d (<c>Orbit.CyclicShifts</c>).</summary>
    CyclicShifts,

    /// <summary>Coordinate-wise sign flips, {+1, -1}^d (<c>Orbit.SignFlips</c>).</summary>
    SignFlips,
}

/// <summary>
/// An MLP encoder d -&gt; h -&gt; k (and a second hidden layer h2 when &gt; 0) drawn from <see cref="Seed"/>, a batch of
/// <see cref="Batch"/> inputs N(0, 1) scaled by <see cref="InputScale"/> (from <see cref="InputSeed"/>), and a group.
/// </summary>
public sealed record OrbitCase(int Width, int Hidden, int Hidden2, int Code, Activation Activation, Activation Output,
    long Seed, long InputSeed, int Batch, double InputScale, FiniteGroup Group)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"OrbitCase(sizes {Width}->{Hidden}{(Hidden2 > 0 ? $"->{Hidden2}" : "")}->{Code}, act = {Activation}, out = {Output}, " +
        $"seed = {Seed}, inputSeed = {InputSeed}, batch = {Batch}, inputScale = {Show(InputScale)}, group = {Group})";
}

/// <summary>
/// Claim <b>L1-invariance-orbit</b> (Lecture 1): "Averaging an encoder over a finite group makes it invariant:
/// f(g.x) = f(x) for every g."
/// <para>
/// Method (exact). f_G(x) = (1/|G|) sum_g f(g.x) (<c>Orbit.Average</c>) for G the cyclic pixel shifts of a 1-D
/// image of width d (|G| = d) or the sign flips of the first min(d, 6) coordinates (|G| up to 64), and f any
/// generated MLP: d in 1..8, one or two hidden layers of 1..12 units, code width 1..6, any hidden and output
/// activations, weights from
/// <c>Mlp.Init</c>; inputs a batch of 1..5 N(0, 1) rows scaled by 1e-2..1e2. For every h in G (for the sign flips
/// with |G| &gt; 16: the generators, which suffice since bitwise equality composes, and 4 further elements),
/// f_G(h.x) = f_G(x) must hold bit for bit — no tolerance: both actions are exact in floating point, so
/// {g h.x : g} is bitwise the orbit {g.x : g}, and <c>Orbit.Average</c> sums each entry's |G| values in sorted
/// order, so the average depends only on that multiset. (Summing in group order instead would make the equality
/// hold only to about |G| u max|f|.) Also checked: the orbit average of an encoder that is already invariant
/// (f_G itself) is f_G again within |G| 2^-52 max|f_G|, i.e. averaging is a projection (d in 1..4 there).
/// </para>
/// </summary>
public static class L1InvarianceOrbit
{
    /// <summary>The claim, its method, and its experiment: the two properties below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L1-invariance-orbit", 1,
        "Averaging an encoder over a finite group makes it invariant: f(g.x) = f(x) for every g",
        """
        Exact: f_G(x) = (1/|G|) sum_g f(g.x) (Orbit.Average) for G the cyclic pixel shifts of a width-d row (|G| = d) or the sign flips of its
        first min(d, 6) coordinates (|G| up to 64), f any generated MLP (d 1..8, one or two hidden layers of 1..12, code 1..6, any activations),
        inputs 1..5 N(0, 1) rows scaled by 1e-2..1e2. f_G(h.x) = f_G(x) bit for bit, no tolerance, for every h in G (for |G| > 16 the generators,
        which suffice since bitwise equality composes, and 4 more elements): both actions are exact, so {g h.x} is bitwise the orbit {g.x}, and
        the average sums each entry's values in sorted order. Averaging is a projection: (f_G)_G = f_G within |G| 2^-52 max|f_G| (d 1..4).
        """,
        new("orbit-averaged encoders not exactly invariant", OrbitAveragedEncoderIsExactlyInvariant, 40, 200),
        new("orbit averages that change when averaged again", AveragingIsAProjection, 20, 100));

    private static readonly Gen<OrbitCase> Cases = CasesUpTo(8);

    private static Gen<OrbitCase> CasesUpTo(int maxWidth) =>
        from d in Gen.Choose(1, maxWidth)
        from h in Gen.Choose(1, 12)
        from h2 in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 12)))
        from k in Gen.Choose(1, 6)
        from act in ClaimGens.AnyActivation
        from output in ClaimGens.AnyActivation
        from seed in ClaimGens.Seed
        from inputSeed in ClaimGens.Seed
        from batch in Gen.Choose(1, 5)
        from scale in ClaimGens.LogUniform(-2, 2)
        from kind in Gen.Elements(FiniteGroup.CyclicShifts, FiniteGroup.SignFlips)
        select new OrbitCase(d, h, h2, k, act, output, seed, inputSeed, batch, scale, kind);

    internal static IReadOnlyList<GroupAction> Group(FiniteGroup group, int width) =>
        group == FiniteGroup.CyclicShifts ? Orbit.CyclicShifts(width) : Orbit.SignFlips(Math.Min(width, MaxFlipWidth));

    /// <summary>Sign flips act on the first min(d, 6) coordinates (|G| &lt;= 64), to bound the cost of a case.</summary>
    private const int MaxFlipWidth = 6;

    private static (Func<Tensor, Tensor> Encoder, Tensor X) Build(OrbitCase c)
    {
        int[] sizes = c.Hidden2 > 0 ? [c.Width, c.Hidden, c.Hidden2, c.Code] : [c.Width, c.Hidden, c.Code];
        var mlp = Mlp.Init(Key.FromSeed(c.Seed), sizes, c.Activation, c.Output);
        var noise = Sample.Normal(Key.FromSeed(c.InputSeed), c.Batch, c.Width);
        return (x => Mlp.Apply(mlp, x), Tensor.Create(c.Batch, c.Width, (i, j) => c.InputScale * noise[i, j]));
    }

    private static bool Bitwise(Tensor a, Tensor b) =>
        a.SameShape(b) && Enumerable.Range(0, a.Length).All(i => BitConverter.DoubleToInt64Bits(a.Span[i]) == BitConverter.DoubleToInt64Bits(b.Span[i]));

    /// <summary>
    /// The elements h to check: all of G when |G| &lt;= 16; otherwise the generators (the single-coordinate flips)
    /// and 4 further elements chosen from the case's seed. Checking the generators already implies invariance
    /// under all of G, since bitwise equality composes: f_G(g1 g2.x) = f_G(g2.x) = f_G(x).
    /// </summary>
    private static IEnumerable<GroupAction> ElementsToCheck(IReadOnlyList<GroupAction> group, OrbitCase c)
    {
        if (group.Count <= 16) return group;
        var generators = Enumerable.Range(0, Math.Min(c.Width, MaxFlipWidth)).Select(j => group[1 << j]);
        var others = Sample.Integers(Key.FromSeed(c.Seed).FoldIn(99), 4, group.Count).Select(i => group[i]);
        return generators.Concat(others);
    }

    /// <summary>f_G(h.x) = f_G(x) bit for bit, for every h in G (or its generators and 4 more elements when |G| &gt; 16).</summary>
    public static Property OrbitAveragedEncoderIsExactlyInvariant() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var (f, x) = Build(c);
        var group = Group(c.Group, c.Width);
        var averaged = Orbit.Average(f, group);
        var z = averaged(x);
        That(z.AllFinite(), () => $"f_G(x) = {Show(z.ToRows())}");
        foreach (var h in ElementsToCheck(group, c))
        {
            var zh = averaged(h.Apply(x));
            That(Bitwise(z, zh), () => $"f_G({h}.x) = {Show(zh.ToRows())} differs from f_G(x) = {Show(z.ToRows())}");
        }
    });

    /// <summary>Averaging an invariant encoder changes nothing but rounding: (f_G)_G = f_G.</summary>
    public static Property AveragingIsAProjection() => Prop.ForAll(CasesUpTo(4).ToArbitrary(), c =>
    {
        var (f, x) = Build(c);
        var group = Group(c.Group, c.Width);
        var once = Orbit.Average(f, group);
        var z = once(x);
        var twice = Orbit.Average(once, group)(x);
        var tolerance = group.Count * Math.Pow(2, -52) * z.ToArray().Max(Math.Abs);
        for (var i = 0; i < z.Length; i++)
            Close(twice.Span[i], z.Span[i], tolerance, $"entry {i}: (f_G)_G vs f_G");
    });
}
