namespace RepLearn.Functional.Data;

/// <summary>
/// An isotropic Gaussian mixture in R^d, p(x) = sum_k w_k N(x; m_k, s^2 I), whose noised density is
/// known in closed form: adding N(0, sigma^2 I) noise convolves each component, so
/// p_sigma(x) = sum_k w_k N(x; m_k, (s^2 + sigma^2) I), and its score is
/// grad_x log p_sigma(x) = sum_k r_k(x) (m_k - x) / (s^2 + sigma^2), with responsibilities
/// r_k(x) = w_k N(x; m_k, v I) / p_sigma(x), v = s^2 + sigma^2. The ground truth for denoising
/// autoencoders as score estimators (Vincent 2011, "A connection between score matching and
/// denoising autoencoders": (r(x~) - x~) / sigma^2 ~ grad log p_sigma(x~)) and for score matching.
/// </summary>
/// <example><code>
/// var gmm = GaussianMixture.Circle();                 // 8 components on a circle of radius 2
/// var noisy = gmm.Sample(Key.FromSeed(3), 1000, sigma: 0.3);
/// var score = gmm.Score(noisy, sigma: 0.3);           // 1000 x 2
/// </code></example>
public sealed class GaussianMixture
{
    private readonly double[] logWeights;
    private readonly double[] cumulative;

    /// <summary>The component means m_k, one per row (K x d).</summary>
    public Tensor Means { get; }

    /// <summary>The mixture weights w_k, normalised to sum to 1.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>The component standard deviation s (every component is N(m_k, s^2 I)).</summary>
    public double Std { get; }

    /// <summary>Number of components K.</summary>
    public int Components => Means.Rows;

    /// <summary>Dimension d.</summary>
    public int Dim => Means.Cols;

    /// <summary>
    /// A mixture with the given means (K x d), positive weights (normalised here to sum to 1) and
    /// component standard deviation s &gt; 0.
    /// </summary>
    public GaussianMixture(Tensor means, IReadOnlyList<double> weights, double std)
    {
        if (means.Rows < 1 || means.Cols < 1)
            throw new ArgumentException($"means must have at least one row and column, got {means.ShapeString}", nameof(means));
        if (!means.AllFinite()) throw new ArgumentException("means must be finite", nameof(means));
        if (weights.Count != means.Rows)
            throw new ArgumentException($"need one weight per component ({means.Rows}), got {weights.Count}", nameof(weights));
        if (weights.Any(w => !(w > 0) || double.IsPositiveInfinity(w)))
            throw new ArgumentException("weights must be finite and > 0", nameof(weights));
        if (!(std > 0) || double.IsPositiveInfinity(std))
            throw new ArgumentOutOfRangeException(nameof(std), std, "std must be finite and > 0");
        var total = weights.Sum();
        Means = means.Detach();
        Weights = weights.Select(w => w / total).ToArray();
        Std = std;
        logWeights = Weights.Select(w => Math.Log(w)).ToArray();
        cumulative = new double[Components];
        double running = 0;
        for (var k = 0; k < Components; k++) cumulative[k] = running += Weights[k];
    }

    /// <summary>
    /// The default 2-D benchmark: <paramref name="components"/> equally weighted components with
    /// means m_k = radius (cos 2 pi k / K, sin 2 pi k / K) on a circle, each with std s.
    /// </summary>
    [Pure]
    public static GaussianMixture Circle(int components = 8, double radius = 2.0, double std = 0.2)
    {
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "need at least one component");
        var means = Tensor.Create(components, 2, (k, c) =>
        {
            var angle = 2 * Math.PI * k / components;
            return radius * (c == 0 ? Math.Cos(angle) : Math.Sin(angle));
        });
        return new GaussianMixture(means, Enumerable.Repeat(1.0, components).ToArray(), std);
    }

    /// <summary>
    /// n samples of p_sigma (of p itself when sigma = 0): component k ~ Categorical(w) by inverse CDF of a
    /// uniform, then x = m_k + sqrt(s^2 + sigma^2) eps, eps ~ N(0, I). Result n x d.
    /// </summary>
    [Pure]
    public Tensor Sample(Key key, int n, double sigma = 0)
    {
        RequireSigma(sigma);
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 0");
        var (kc, ke) = key.Split();
        var u = Keys.Sample.Uniform(kc, n, 1).Span;
        var x = Keys.Sample.Normal(ke, n, Dim).Buffer; // fresh: ours to overwrite
        var std = Math.Sqrt(Std * Std + sigma * sigma);
        for (var i = 0; i < n; i++)
        {
            var k = Array.BinarySearch(cumulative, u[i]);
            k = k >= 0 ? k + 1 : ~k; // first k with u < cumulative[k]
            k = Math.Min(k, Components - 1);
            var mean = Means.Row(k);
            for (var j = 0; j < Dim; j++) x[i * Dim + j] = mean[j] + std * x[i * Dim + j];
        }
        return Tensor.Wrap(n, Dim, x);
    }

    /// <summary>
    /// log p_sigma(x) per row = LSE_k [ log w_k - (d/2) log(2 pi v) - ||x - m_k||^2 / (2 v) ],
    /// v = s^2 + sigma^2, by a max-shifted log-sum-exp (finite far from every mean). Result n x 1.
    /// </summary>
    [Pure]
    public Tensor LogDensity(Tensor x, double sigma = 0)
    {
        var logits = ComponentLogits(x, sigma);
        var k = Components;
        return Tensor.Create(x.Rows, 1, (i, _) => LogSumExp(logits.AsSpan(i * k, k)));
    }

    /// <summary>
    /// The responsibilities r_k(x) = softmax_k [ log w_k - ||x - m_k||^2 / (2 v) ], v = s^2 + sigma^2:
    /// the posterior probability of each component given x under p_sigma. Result n x K, rows sum to 1.
    /// </summary>
    [Pure]
    public Tensor Responsibilities(Tensor x, double sigma = 0)
    {
        var logits = ComponentLogits(x, sigma);
        var k = Components;
        for (var i = 0; i < x.Rows; i++)
        {
            var row = logits.AsSpan(i * k, k);
            var lse = LogSumExp(row);
            for (var c = 0; c < k; c++) row[c] = Math.Exp(row[c] - lse);
        }
        return Tensor.Wrap(x.Rows, k, logits);
    }

    /// <summary>
    /// The exact score grad_x log p_sigma(x) = sum_k r_k(x) (m_k - x) / (s^2 + sigma^2) = (E[m | x] - x) / v,
    /// with stable responsibilities from <see cref="Responsibilities"/>. Result n x d.
    /// </summary>
    [Pure]
    public Tensor Score(Tensor x, double sigma = 0)
    {
        var r = Responsibilities(x, sigma);
        var v = Std * Std + sigma * sigma;
        var score = Gemm.Multiply(r.Buffer, false, Means.Buffer, false, x.Rows, Components, Dim); // E[m | x]
        var xs = x.Span;
        for (var i = 0; i < score.Length; i++) score[i] = (score[i] - xs[i]) / v;
        return Tensor.Wrap(x.Rows, Dim, score);
    }

    // n x K buffer of log w_k - (d/2) log(2 pi v) - ||x_i - m_k||^2 / (2 v).
    private double[] ComponentLogits(Tensor x, double sigma)
    {
        RequireSigma(sigma);
        if (x.Cols != Dim) throw new ArgumentException($"x must have {Dim} columns, got {x.ShapeString}", nameof(x));
        var v = Std * Std + sigma * sigma;
        var normaliser = -0.5 * Dim * Math.Log(2 * Math.PI * v);
        var logits = new double[checked(x.Rows * Components)];
        for (var i = 0; i < x.Rows; i++)
        {
            var xi = x.Row(i);
            for (var k = 0; k < Components; k++)
            {
                var mk = Means.Row(k);
                double sq = 0;
                for (var j = 0; j < xi.Length; j++)
                {
                    var diff = xi[j] - mk[j];
                    sq += diff * diff;
                }
                logits[i * Components + k] = logWeights[k] + normaliser - sq / (2 * v);
            }
        }
        return logits;
    }

    private static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    private static void RequireSigma(double sigma)
    {
        if (!(sigma >= 0) || double.IsPositiveInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be finite and >= 0");
    }
}
