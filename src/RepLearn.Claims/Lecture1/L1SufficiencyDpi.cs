namespace RepLearn.Claims;

using Activation = RepLearn.Functional.Nn.Activation;

/// <summary>
/// Paired discrete data (x_i, y_i), i &lt; n, x in 0..A-1 and y in 0..B-1 (y_i = table[x_i] with a generated
/// probability p, else a uniform noise value: y is a noisy function of x), a function <see cref="F"/> : 0..A-1 -&gt; 0..C-1
/// (arbitrary), a second one <see cref="G"/> : 0..C-1 -&gt; 0..E-1, and an injection given by
/// <see cref="Injection"/> (distinct codes).
/// </summary>
public sealed record DiscreteCase(int[] X, int[] Y, int[] F, int[] G, int[] Injection)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"DiscreteCase(x = {Show(X)}, y = {Show(Y)}, f = {Show(F)}, g = {Show(G)}, injection = {Show(Injection)})";
}

/// <summary>
/// Binary inputs x in {0, 1}^m (the rows of <see cref="Bits"/>), labels y, and an MLP encoder m -&gt; h -&gt; k
/// drawn from <see cref="Seed"/> with the given activations; <see cref="Round"/> &gt; 0 rounds the code to that
/// many decimals (a lossy, non-injective representation).
/// </summary>
public sealed record EncoderDpiCase(int[][] Bits, int[] Y, int Hidden, int Code, Activation Activation, Activation Output, long Seed, int Round)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"EncoderDpiCase(x = [{string.Join(", ", Bits.Select(b => string.Concat(b)))}], y = {Show(Y)}, sizes {Bits[0].Length}->{Hidden}->{Code}, " +
        $"act = {Activation}, out = {Output}, seed = {Seed}, round = {Round})";
}

/// <summary>
/// Claim <b>L1-sufficiency-dpi</b> (Lecture 1): "No representation holds more information about y than x does:
/// I(y; z) &lt;= I(y; x) for z = f(x)."
/// <para>
/// Method (exact, plug-in). On n paired observations the empirical distribution is a distribution, so the
/// data-processing inequality holds for the plug-in mutual information
/// I = sum_{a,b} (c_ab / n) log(n c_ab / (c_a c_b)) (<c>DiscreteInformation.MutualInformation</c>) exactly, for
/// every sample, not only in expectation: merging x-values can only lose information (log-sum inequality).
/// Generated: n in 1..200, x in 0..A-1 (A in 1..12), y in 0..B-1 (B in 1..6) with y a noisy function of x (each
/// pair from the table with probability in [0, 1]); f: 0..A-1 -&gt; 0..C-1 arbitrary (C in 1..A), g after it.
/// Checks: I(y; f(x)) &lt;= I(y; x) + t and I(y; g(f(x))) &lt;= I(y; f(x)) + t, with
/// t = 4 (cells + 4) 2^-52 max(1, log n) the rounding of a sum of 'cells' terms each at most (c/n) log n in size;
/// for injective f (distinct codes, a different symbol type) I(y; f(x)) = I(y; x) bit for bit (the plug-in sum
/// depends only on the multiset of cell counts). Representations computed by an encoder: x binary vectors
/// (m in 1..5), z = an MLP of x (any activations, evaluated row by row so z is a function of x alone; optionally
/// rounded to a few decimals, which merges codes), symbols by <c>DiscreteInformation.RowSymbols</c>:
/// I(y; z) &lt;= I(y; x) + t, with equality bit for bit whenever z takes as many distinct values as x.
/// </para>
/// </summary>
public static class L1SufficiencyDpi
{
    /// <summary>The claim, its method, and its experiment: the three properties below on cases seeded by the claim's key.</summary>
    public static Claim Claim { get; } = PropertyRun.ExactClaim("L1-sufficiency-dpi", 1,
        "No representation holds more information about y than x does: I(y;z) <= I(y;x) for z = f(x)",
        """
        Exact, plug-in: the empirical distribution of n pairs is a distribution, so the data-processing inequality holds for the plug-in MI of
        every sample (log-sum inequality), not only in expectation. Generated: n 1..200, x with up to 12 values, y a noisy function of x, f
        arbitrary and g after it; I(y; f(x)) <= I(y; x) + t and I(y; g(f(x))) <= I(y; f(x)) + t with t = 4 (cells + 4) 2^-52 max(1, log n), the
        rounding of a sum of 'cells' terms; an injective f (distinct codes) gives I(y; f(x)) = I(y; x) bit for bit, since the plug-in sum depends
        only on the multiset of cell counts. Encoders: z = a generated MLP of binary x (any activations, optionally rounded, which merges codes):
        I(y; z) <= I(y; x) + t, bit for bit equal when z takes as many values as x.
        """,
        new("cases where processing x added information about y", ProcessingXCannotAddInformationAboutY, 200, 1000),
        new("injective representations that changed I(y; x)", InjectiveRepresentationKeepsAllInformation, 200, 1000),
        new("encoders whose code holds more about y than x (or not all, when injective)", EncoderRepresentationCannotAddInformation, 60, 300));

    private static readonly Gen<DiscreteCase> Cases =
        from n in Gen.Choose(1, 200)
        from a in Gen.Choose(1, 12)
        from b in Gen.Choose(1, 6)
        from c in Gen.Choose(1, a)
        from e in Gen.Choose(1, Math.Max(1, c))
        from x in Gen.ArrayOf(Gen.Choose(0, a - 1), n)
        from table in Gen.ArrayOf(Gen.Choose(0, b - 1), a)
        from p in ClaimGens.Unit
        from coins in Gen.ArrayOf(ClaimGens.Unit, n)
        from noise in Gen.ArrayOf(Gen.Choose(0, b - 1), n)
        from f in Gen.ArrayOf(Gen.Choose(0, c - 1), a)
        from g in Gen.ArrayOf(Gen.Choose(0, e - 1), c)
        from injection in Gen.Shuffle(Enumerable.Range(0, 3 * a).ToArray())
        select new DiscreteCase(x, x.Select((v, i) => coins[i] < p ? table[v] : noise[i]).ToArray(), f, g, injection.Take(a).ToArray());

    private static double Tolerance(int n, int cells) => 4 * (cells + 4) * Math.Pow(2, -52) * Math.Max(1, Math.Log(n));

    private static int Cells(int[] a, int[] b) => a.Zip(b).Distinct().Count();

    /// <summary>I(y; f(x)) &lt;= I(y; x) and I(y; g(f(x))) &lt;= I(y; f(x)) for arbitrary f, g.</summary>
    public static Property ProcessingXCannotAddInformationAboutY() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var fx = c.X.Select(v => c.F[v]).ToArray();
        var gfx = fx.Select(v => c.G[v]).ToArray();
        var ix = DiscreteInformation.MutualInformation(c.Y, c.X);
        var ifx = DiscreteInformation.MutualInformation(c.Y, fx);
        var igfx = DiscreteInformation.MutualInformation(c.Y, gfx);
        var t = Tolerance(c.X.Length, Cells(c.X, c.Y));
        That(ifx <= ix + t, () => $"I(y; f(x)) = {Show(ifx)} > I(y; x) = {Show(ix)} + {Show(t)}");
        That(igfx <= ifx + t, () => $"I(y; g(f(x))) = {Show(igfx)} > I(y; f(x)) = {Show(ifx)} + {Show(t)}");
        That(ix >= 0 && ix <= DiscreteInformation.Entropy(c.Y) + t, () => $"I(y; x) = {Show(ix)} outside [0, H(y)]");
    });

    /// <summary>An injective f keeps every bit of information: I(y; f(x)) = I(y; x) exactly.</summary>
    public static Property InjectiveRepresentationKeepsAllInformation() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var coded = c.X.Select(v => $"z{c.Injection[v]}").ToArray();
        var ix = DiscreteInformation.MutualInformation(c.Y, c.X);
        var iz = DiscreteInformation.MutualInformation(c.Y, coded);
        That(BitConverter.DoubleToInt64Bits(iz) == BitConverter.DoubleToInt64Bits(ix), () =>
            $"injective f: I(y; f(x)) = {Show(iz)} differs from I(y; x) = {Show(ix)}");
    });

    private static readonly Gen<EncoderDpiCase> EncoderCases =
        from m in Gen.Choose(1, 5)
        from n in Gen.Choose(1, 120)
        from b in Gen.Choose(1, 4)
        from bits in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 1), m), n)
        from table in Gen.ArrayOf(Gen.Choose(0, b - 1), 1 << m)
        from p in ClaimGens.Unit
        from coins in Gen.ArrayOf(ClaimGens.Unit, n)
        from noise in Gen.ArrayOf(Gen.Choose(0, b - 1), n)
        from h in Gen.Choose(1, 8)
        from k in Gen.Choose(1, 4)
        from act in ClaimGens.AnyActivation
        from output in ClaimGens.AnyActivation
        from seed in ClaimGens.Seed
        from round in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        select new EncoderDpiCase(bits, bits.Select((row, i) => coins[i] < p ? table[Index(row)] : noise[i]).ToArray(), h, k, act, output, seed, round);

    private static int Index(int[] bits) => bits.Select((v, j) => v << j).Sum();

    /// <summary>f applied to each row on its own: one code path per row, so z is a function of x alone.</summary>
    internal static Tensor RowWise(Func<Tensor, Tensor> f, Tensor x)
    {
        var rows = Enumerable.Range(0, x.Rows).Select(i => f(Tensor.FromSpan(1, x.Cols, x.Row(i))).ToArray()).ToArray();
        return Tensor.FromRows(rows);
    }

    /// <summary>z = encoder(x) on binary x: I(y; z) &lt;= I(y; x), with equality when z separates the x values.</summary>
    public static Property EncoderRepresentationCannotAddInformation() => Prop.ForAll(EncoderCases.ToArbitrary(), c =>
    {
        var m = c.Bits[0].Length;
        var x = Tensor.Create(c.Bits.Length, m, (i, j) => c.Bits[i][j]);
        var encoder = Mlp.Init(Key.FromSeed(c.Seed), [m, c.Hidden, c.Code], c.Activation, c.Output);
        var z = RowWise(t => Mlp.Apply(encoder, t), x);
        if (c.Round > 0) z = Tensor.Create(z.Rows, z.Cols, (i, j) => Math.Round(z[i, j], c.Round));
        var zSymbols = DiscreteInformation.RowSymbols(z);
        var xSymbols = c.Bits.Select(Index).ToArray();
        var ix = DiscreteInformation.MutualInformation(c.Y, xSymbols);
        var iz = DiscreteInformation.MutualInformation(c.Y, zSymbols);
        var t = Tolerance(c.Y.Length, Cells(xSymbols, c.Y));
        That(iz <= ix + t, () => $"I(y; z) = {Show(iz)} > I(y; x) = {Show(ix)} + {Show(t)}");
        if (zSymbols.Distinct().Count() == xSymbols.Distinct().Count())
            That(BitConverter.DoubleToInt64Bits(iz) == BitConverter.DoubleToInt64Bits(ix), () =>
                $"z separates the x values, yet I(y; z) = {Show(iz)} differs from I(y; x) = {Show(ix)}");
    });
}
