namespace RepLearn.Claims;

using Activation = RepLearn.Functional.Nn.Activation;

/// <summary>
/// Generators for the lecture-claim properties. Doubles are built from 53 random bits so the
/// whole range of a uniform is reachable; magnitudes spanning many decades are log-uniform.
/// </summary>
public static class ClaimGens
{
    /// <summary>U[0, 1) with 53 bits: (hi 2^27 + lo) 2^-53.</summary>
    public static readonly Gen<double> Unit =
        Gen.Choose(0, (1 << 26) - 1).Zip(Gen.Choose(0, (1 << 27) - 1), (hi, lo) => (hi * 134217728.0 + lo) / 9007199254740992.0);

    /// <summary>U[lo, hi).</summary>
    public static Gen<double> Uniform(double lo, double hi) => Unit.Select(u => lo + (hi - lo) * u);

    /// <summary>10^e with e ~ U[minExp10, maxExp10): log-uniform magnitudes (subnormals included below 1e-308).</summary>
    public static Gen<double> LogUniform(double minExp10, double maxExp10) =>
        Uniform(minExp10, maxExp10).Select(e => Math.Pow(10, e));

    /// <summary>A value of <paramref name="magnitude"/> with a random sign.</summary>
    public static Gen<double> Signed(Gen<double> magnitude) => magnitude.Zip(Gen.Elements(1.0, -1.0), (m, s) => s * m);

    /// <summary>An n x d matrix as jagged rows.</summary>
    public static Gen<double[][]> Matrix(int rows, int cols, Gen<double> entry) =>
        Gen.ArrayOf(Gen.ArrayOf(entry, cols), rows);

    // ---- Lecture 3: Gaussian KL ----

    /// <summary>
    /// Any finite mean with mu^2 finite: exact zeros (both signs), moderate values, magnitudes
    /// log-uniform from 1e-320 (subnormal) to 1e100, and the extremes +-1e100, +-5e-324.
    /// </summary>
    public static readonly Gen<double> Mean = Gen.Frequency(
        (2, Gen.Constant(0.0)),
        (1, Gen.Constant(-0.0)),
        (6, Uniform(-5, 5)),
        (4, Signed(LogUniform(-320, 100))),
        (1, Gen.Elements(1e100, -1e100, double.Epsilon, -double.Epsilon)));

    /// <summary>
    /// Any finite log-variance: zeros, moderate, the clamp range [-700, 700], tiny magnitudes down
    /// to subnormals, a band 1e-17..1e-7 where expm1(x) - x ~ x^2/2 is at the edge of expm1's
    /// rounding (a negative KL would show up here), huge magnitudes past the clamp
    /// up to +-1.8e308, and the edges 700, 709.78 (exp overflows just above), -745 (exp underflows).
    /// </summary>
    public static readonly Gen<double> LogVariance = Gen.Frequency(
        (2, Gen.Constant(0.0)),
        (1, Gen.Constant(-0.0)),
        (5, Uniform(-10, 10)),
        (4, Uniform(-700, 700)),
        (3, Signed(LogUniform(-320, 0))),
        (2, Signed(LogUniform(-17, -7))),
        (2, Signed(LogUniform(2.5, 308))),
        (1, Gen.Elements(700.0, -700.0, 709.78, 710.0, -745.0, double.MaxValue, -double.MaxValue)));

    /// <summary>Batches of 1..3 rows of width 1..8 with every entry from <see cref="Mean"/> / <see cref="LogVariance"/>.</summary>
    public static readonly Gen<KlCase> AnyGaussian =
        from n in Gen.Choose(1, 3)
        from d in Gen.Choose(1, 8)
        from mu in Matrix(n, d, Mean)
        from lv in Matrix(n, d, LogVariance)
        select new KlCase(mu, lv);

    /// <summary>mu = 0, logVar = 0 (either sign of zero), 1..3 rows of width 1..16.</summary>
    public static readonly Gen<KlCase> StandardNormal =
        from n in Gen.Choose(1, 3)
        from d in Gen.Choose(1, 16)
        from mu in Matrix(n, d, Gen.Elements(0.0, -0.0))
        from lv in Matrix(n, d, Gen.Elements(0.0, -0.0))
        select new KlCase(mu, lv);

    /// <summary>
    /// A mean perturbation large enough that mu^2 is a normal double: |mu| in [1e-150, 1e100].
    /// </summary>
    public static readonly Gen<double> VisibleMeanPerturbation = Signed(LogUniform(-150, 100));

    /// <summary>
    /// A log-variance perturbation large enough that expm1(x) - x ~ x^2/2 exceeds expm1's rounding
    /// error (a few ulps of x) by many orders: |x| in [1e-10, 700].
    /// </summary>
    public static readonly Gen<double> VisibleLogVariancePerturbation = Signed(LogUniform(-10, Math.Log10(700)));

    /// <summary>
    /// A single row (width 1..8) that is not the standard normal: entries are 0 or a visible
    /// perturbation, and at least one entry (chosen index, mean or log-variance) is perturbed.
    /// </summary>
    public static readonly Gen<KlCase> PerturbedGaussian =
        from d in Gen.Choose(1, 8)
        from mu in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0.0)), (1, VisibleMeanPerturbation)), d)
        from lv in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(0.0)), (1, VisibleLogVariancePerturbation)), d)
        from j in Gen.Choose(0, d - 1)
        from inMean in Gen.Elements(true, false)
        from forcedMu in VisibleMeanPerturbation
        from forcedLv in VisibleLogVariancePerturbation
        select Force(mu, lv, j, inMean, forcedMu, forcedLv);

    private static KlCase Force(double[] mu, double[] lv, int j, bool inMean, double forcedMu, double forcedLv)
    {
        var m = (double[])mu.Clone();
        var l = (double[])lv.Clone();
        if (inMean) m[j] = forcedMu; else l[j] = forcedLv;
        return new KlCase([m], [l]);
    }

    /// <summary>
    /// Two Gaussians whose KL is finite in double: |mu| up to 1e50 and logVar in [-300, 300], so
    /// e^(lv1 - lv2) &lt;= e^600 and (mu1 - mu2)^2 e^-lv2 &lt;= 4e100 e^300 stay below 1.8e308.
    /// </summary>
    public static readonly Gen<KlPairCase> FiniteGaussianPair =
        from n in Gen.Choose(1, 3)
        from d in Gen.Choose(1, 8)
        let mean = Gen.Frequency((1, Gen.Constant(0.0)), (4, Uniform(-5, 5)), (2, Signed(LogUniform(-300, 50))))
        let logVar = Gen.Frequency((1, Gen.Constant(0.0)), (4, Uniform(-10, 10)), (2, Uniform(-300, 300)), (1, Signed(LogUniform(-300, 0))))
        from mu1 in Matrix(n, d, mean)
        from lv1 in Matrix(n, d, logVar)
        from mu2 in Matrix(n, d, mean)
        from lv2 in Matrix(n, d, logVar)
        select new KlPairCase(mu1, lv1, mu2, lv2);

    // ---- Lecture 4: cosine similarity and InfoNCE ----

    /// <summary>A vector entry: mostly moderate, some exact zeros, some spread over six decades.</summary>
    public static readonly Gen<double> Entry = Gen.Frequency(
        (8, Uniform(-3, 3)),
        (1, Gen.Constant(0.0)),
        (2, Signed(LogUniform(-3, 3))));

    /// <summary>A vector of length d: occasionally the zero vector, otherwise entries from <see cref="Entry"/>.</summary>
    public static Gen<double[]> Vector(int d) => Gen.Frequency(
        (1, Gen.Constant(new double[d])),
        (12, Gen.ArrayOf(Entry, d)));

    /// <summary>A vector of length d with every entry scaled by 10^e, e in [-150, 150] (norms from underflow to 1e150).</summary>
    public static Gen<double[]> WideVector(int d) =>
        from v in Vector(d)
        from s in LogUniform(-150, 150)
        select v.Select(x => x * s).ToArray();

    /// <summary>Pairs of vectors (length 1..16) of any scale; scales a, b in [1e-4, 1e4].</summary>
    public static readonly Gen<VectorPair> AnyVectorPair =
        from d in Gen.Choose(1, 16)
        from u in WideVector(d)
        from v in WideVector(d)
        from a in LogUniform(-4, 4)
        from b in LogUniform(-4, 4)
        select new VectorPair(u, v, a, b);

    /// <summary>
    /// Pairs of vectors with norms in a sane range, [1e-3, ~1e4]: after scaling by a, b in
    /// [1e-4, 1e4] every norm stays far above the 1e-12 floor and ||x||^2 cannot overflow.
    /// </summary>
    public static readonly Gen<VectorPair> SaneVectorPair =
        from d in Gen.Choose(1, 16)
        from u in Gen.ArrayOf(Entry, d).Where(x => Norm(x) >= 1e-3)
        from v in Gen.ArrayOf(Entry, d).Where(x => Norm(x) >= 1e-3)
        from a in LogUniform(-4, 4)
        from b in LogUniform(-4, 4)
        select new VectorPair(u, v, a, b);

    /// <summary>Euclidean norm.</summary>
    public static double Norm(double[] x) => Math.Sqrt(x.Sum(v => v * v));

    /// <summary>Temperatures log-uniform in [1e-4, 1e4], plus the edge 1e-4 itself.</summary>
    public static readonly Gen<double> Temperature = Gen.Frequency(
        (6, LogUniform(-4, 4)),
        (1, Gen.Constant(1e-4)));

    /// <summary>N in 1..4 anchors, K in 1..8 negatives each, width 1..6, any vectors (zero vectors included).</summary>
    public static readonly Gen<ContrastiveCase> Contrastive =
        from n in Gen.Choose(1, 4)
        from k in Gen.Choose(1, 8)
        from d in Gen.Choose(1, 6)
        from anchors in Gen.ArrayOf(Vector(d), n)
        from positives in Gen.ArrayOf(Vector(d), n)
        from negatives in Gen.ArrayOf(Vector(d), n * k)
        from tau in Temperature
        select new ContrastiveCase(anchors, positives, negatives, k, tau);

    /// <summary>
    /// 2..<paramref name="maxPairs"/> positive pairs (a_i, b_i) of vectors of one width 1..6 from <see cref="Vector"/> (zero
    /// vectors included), and a temperature: InfoNCE's anchors and in-batch positives, or NT-Xent's two views.
    /// </summary>
    internal static Gen<(double[][] First, double[][] Second, double Temperature)> PositivePairs(int maxPairs) =>
        from n in Gen.Choose(2, maxPairs)
        from d in Gen.Choose(1, 6)
        from a in Gen.ArrayOf(Vector(d), n)
        from b in Gen.ArrayOf(Vector(d), n)
        from tau in Temperature
        select (a, b, tau);

    /// <summary>
    /// Batches where, for each anchor, every similarity s+, s-_1..K is the same: either the
    /// positive and all K negatives are one shared vector (any anchor), or the anchor is the zero
    /// vector (every similarity is 0), or the positive and negatives are all zero vectors.
    /// </summary>
    public static readonly Gen<ContrastiveCase> EqualSimilarities =
        from n in Gen.Choose(1, 4)
        from k in Gen.Choose(1, 8)
        from d in Gen.Choose(1, 6)
        from rows in Gen.ArrayOf(EqualSimilarityAnchor(d, k), n)
        from tau in Temperature
        select new ContrastiveCase(
            rows.Select(r => r.Anchor).ToArray(),
            rows.Select(r => r.Positive).ToArray(),
            rows.SelectMany(r => r.Negatives).ToArray(),
            k, tau);

    private static Gen<(double[] Anchor, double[] Positive, double[][] Negatives)> EqualSimilarityAnchor(int d, int k) => Gen.Frequency(
        (4, from a in Vector(d)
            from p in Vector(d)
            select (a, p, Enumerable.Repeat(p, k).Select(x => (double[])x.Clone()).ToArray())),
        (1, from p in Vector(d)
            from negs in Gen.ArrayOf(Vector(d), k)
            select (new double[d], p, negs)),
        (1, from a in Vector(d)
            select (a, new double[d], Enumerable.Range(0, k).Select(_ => new double[d]).ToArray())));

    /// <summary>
    /// 1..4 rows of K + 1 logits (K in 1..16), each row spread log-uniformly up to 1e4 in magnitude
    /// (|sim / tau| &lt;= 1e4 for tau &gt;= 1e-4), and a shift c of magnitude 1e-3..1e6.
    /// </summary>
    public static readonly Gen<LogitsCase> Logits =
        from n in Gen.Choose(1, 4)
        from k in Gen.Choose(1, 16)
        from scale in LogUniform(-2, 4)
        from logits in Matrix(n, k + 1, Uniform(-1, 1).Select(u => u * scale))
        from c in Gen.Frequency((1, Gen.Constant(0.0)), (6, Signed(LogUniform(-3, 6))))
        select new LogitsCase(logits, c);

    // ---- Lecture 2: autoencoders ----

    /// <summary>Every activation the library offers.</summary>
    public static readonly Gen<Activation> AnyActivation =
        Gen.Elements(Activation.Identity, Activation.Relu, Activation.Tanh, Activation.Sigmoid, Activation.Softplus);

    /// <summary>A seed for a <c>Key</c>.</summary>
    public static readonly Gen<long> Seed = Gen.Choose(0, int.MaxValue).Select(s => (long)s);

    /// <summary>An autoencoder's sizes, d_in in 1..8 -&gt; h in 1..12 -&gt; k in 1..6 -&gt; h2 in 1..12 -&gt; d_in, and its hidden activation.</summary>
    private static readonly Gen<(int InputDim, int Hidden, int Code, int DecoderHidden, Activation Activation)> AutoencoderSizes =
        from dIn in Gen.Choose(1, 8)
        from h in Gen.Choose(1, 12)
        from k in Gen.Choose(1, 6)
        from h2 in Gen.Choose(1, 12)
        from act in AnyActivation
        select (dIn, h, k, h2, act);

    /// <summary>The inputs an autoencoder is checked on: a batch of 1..5 rows and their scale, log-uniform in [1e-2, 10].</summary>
    private static readonly Gen<(int Batch, double Scale)> AutoencoderInputs =
        from batch in Gen.Choose(1, 5)
        from scale in LogUniform(-2, 1)
        select (batch, scale);

    /// <summary>Autoencoders d_in in 1..8, h in 1..12, k in 1..6, h2 in 1..12, batch 1..5, with hidden-unit permutations.</summary>
    public static readonly Gen<AutoencoderCase> Autoencoder =
        from net in AutoencoderSizes
        from encOut in AnyActivation
        from decOut in AnyActivation
        from seed in Seed
        from x in AutoencoderInputs
        from encPerm in Gen.Shuffle(Enumerable.Range(0, net.Hidden).ToArray())
        from decPerm in Gen.Shuffle(Enumerable.Range(0, net.DecoderHidden).ToArray())
        select new AutoencoderCase(net.InputDim, net.Hidden, net.Code, net.DecoderHidden, net.Activation, encOut, decOut, seed, x.Batch, x.Scale,
            encPerm, decPerm);

    /// <summary>Linear-code autoencoders (sizes as <see cref="Autoencoder"/>'s) and A with singular values in [0.25, 4] (cond(A) &lt;= 16).</summary>
    public static readonly Gen<LinearCodeCase> LinearCode =
        from net in AutoencoderSizes
        from decOut in AnyActivation
        from seed in Seed
        from matrixSeed in Seed
        from x in AutoencoderInputs
        from s in Gen.ArrayOf(LogUniform(Math.Log10(0.25), Math.Log10(4)), net.Code)
        select new LinearCodeCase(net.InputDim, net.Hidden, net.Code, net.DecoderHidden, net.Activation, decOut, seed, matrixSeed, x.Batch, x.Scale, s);
}
