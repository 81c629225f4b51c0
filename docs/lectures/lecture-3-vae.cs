#:property Configuration=Release
#:property PublishAot=false
#:project ../../src/RepLearn.Functional/RepLearn.Functional.csproj
#:project ../../src/RepLearn/RepLearn.csproj
#:project LectureKit/LectureKit.csproj
#:package ScottPlot

// Lecture 3, "Variational Autoencoders", computed with the library on small generated data.
// Run from the repository root:  dotnet run docs/lectures/lecture-3-vae.cs [output-folder]
// Each section follows the lecture in order, prints the numbers to check by hand beside the library's,
// and the program exits with 1 if any check is off by more than its stated tolerance.
// (Release: the library built Debug trains 2-3x slower; PublishAot=false: no AOT analysers, a faster compile.)
// Figures (default folder lecture-figures/): l3-elbo-terms.png, l3-traversals.png, l3-collapse.png.

using System.Globalization;
using RepLearn;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using static RepLearn.Lectures.Lecture;
using CoreLosses = RepLearn.Functional.Objectives.Losses;

var folder = Folder(args);
Console.WriteLine("Lecture 3 - Variational Autoencoders");

// ------------------------------------------------------------------------------------------------
Section("1. The ELBO: E_q[log p(x|z)] - KL(q(z|x) || p(z))");
Say("One sample of -ELBO by hand: x = (1, 0), q = N(mu = (0.5, -1), log sigma^2 = (0.1, -0.3)), a Bernoulli decoder");
Say("with logits l = W z + b, W = [[1, 0.5], [-1, 2]], b = (0, 0.1), and eps from Key.FromSeed(5):");
var x = Tensor.RowVector([1.0, 0.0]);
var mu = Tensor.RowVector([0.5, -1.0]);
var logVar = Tensor.RowVector([0.1, -0.3]);
var decoder = new Dense(Tensor.FromRows([[1.0, 0.5], [-1.0, 2.0]]), Tensor.RowVector([0.0, 0.1]));
var key = Key.FromSeed(5);
var eps = Sample.Normal(key, 1, 2);
var terms = CoreLosses.NegativeElbo(mu, logVar, z => CoreLosses.BernoulliNll(Dense.Apply(decoder, z), x), key);
double z1 = 0.5 + Math.Exp(0.1 / 2) * eps[0, 0], z2 = -1.0 + Math.Exp(-0.3 / 2) * eps[0, 1];
double l1 = 1 * z1 + 0.5 * z2 + 0, l2 = -1 * z1 + 2 * z2 + 0.1;
var reconstruction = Softplus(-l1) + Softplus(l2);
var kl = 0.5 * ((0.25 + Math.Exp(0.1) - 0.1 - 1) + (1 + Math.Exp(-0.3) + 0.3 - 1));
Say($"eps = ({F(eps[0, 0])}, {F(eps[0, 1])}); z = mu + e^(logVar/2) eps = ({F(z1)}, {F(z2)}); logits l = ({F(l1)}, {F(l2)})");
Close("-log p(x|z) = softplus(-l_1) + softplus(l_2) (x_1 = 1, x_2 = 0)", terms.Reconstruction[0, 0], reconstruction, 1e-12);
Close("KL(q || N(0, I)) = 1/2 [(0.5^2 + e^0.1 - 0.1 - 1) + ((-1)^2 + e^-0.3 + 0.3 - 1)]", terms.Kl[0, 0], kl, 1e-12);
Close("-ELBO = reconstruction + KL", terms.NegativeElbo[0, 0], reconstruction + kl, 1e-12);

Say("The ELBO is a lower bound on log p(x), with gap KL(q(z|x) || p(z|x)). A model where all is known by hand:");
Say("p(z) = N(0, 1), p(x|z) = N(w z, s^2) with w = 2, s = 1, and x = 1.5; then p(x) = N(0, w^2 + s^2 = 5),");
Say("log p(x) = -1/2 (ln 2 pi + ln 5 + 1.5^2 / 5), and the posterior is N(w x / 5, s^2 / 5) = N(0.6, 0.2).");
const double wTrue = 2, xObs = 1.5;
var logPx = -0.5 * (Math.Log(2 * Math.PI) + Math.Log(5) + xObs * xObs / 5);
foreach (var (name, qMean, qVar) in new[] { ("the true posterior N(0.6, 0.2)", 0.6, 0.2), ("the prior N(0, 1)", 0.0, 1.0), ("N(1, 0.5)", 1.0, 0.5) })
{
    const int n = 100_000;
    var nelbo = CoreLosses.NegativeElbo(Tensor.Filled(n, 1, qMean), Tensor.Filled(n, 1, Math.Log(qVar)),
        z => CoreLosses.GaussianNll(Tensor.Filled(n, 1, xObs), Ops.Scale(z, wTrue), Tensor.Zeros(n, 1)), Key.FromSeed(6)).NegativeElbo.ToArray();
    var elbo = -nelbo.Average();
    var gap = RepLearn.Losses.GaussianKl([qMean], [Math.Log(qVar)], [0.6], [Math.Log(0.2)]);
    Say($"q = {name}: Monte Carlo ELBO over {n} samples = {F(elbo)}; log p(x) = {F(logPx)}; KL(q || posterior) = {F(gap)}");
    Close($"  ELBO = log p(x) - KL(q || posterior) (tolerance 4 standard errors)", elbo, logPx - gap, 4 * StandardError(nelbo) + 1e-12);
}

// ------------------------------------------------------------------------------------------------
Section("2. The closed-form Gaussian KL");
Say("KL(N(mu, sigma^2 I) || N(0, I)) = 1/2 sum_j (mu_j^2 + sigma_j^2 - log sigma_j^2 - 1); mu = (0.5, -1), log sigma^2 = (0.1, -0.3):");
Say($"= 1/2 [(0.25 + {F(Math.Exp(0.1))} - 0.1 - 1) + (1 + {F(Math.Exp(-0.3))} + 0.3 - 1)] = 1/2 [{F(0.25 + Math.Exp(0.1) - 0.1 - 1)} + {F(1 + Math.Exp(-0.3) + 0.3 - 1)}]");
var kl2 = RepLearn.Losses.GaussianKl([0.5, -1.0], [0.1, -0.3]);
Close("the facade's Losses.GaussianKl", kl2, kl, 1e-15);
var perDim = CoreLosses.GaussianKlPerDimension(mu, logVar);
Close("it is the sum of the per-dimension KLs", perDim[0, 0] + perDim[0, 1], kl2, 1e-15);
Close("and exactly 0 at mu = 0, sigma = 1", RepLearn.Losses.GaussianKl([0.0, 0.0], [0.0, 0.0]), 0, 0);
{
    const int n = 200_000;
    var samples = CoreLosses.Reparameterize(Ops.BroadcastTo(mu, n, 2), Ops.BroadcastTo(logVar, n, 2), Key.FromSeed(7));
    // log q(z) - log p(z) for each sample, written out: sum_j [-1/2 lv_j - (z_j - mu_j)^2 / (2 e^lv_j) + z_j^2 / 2].
    var ratios = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, 2).Sum(j =>
        -0.5 * logVar[0, j] - (samples[i, j] - mu[0, j]) * (samples[i, j] - mu[0, j]) / (2 * Math.Exp(logVar[0, j])) + samples[i, j] * samples[i, j] / 2)).ToArray();
    Close($"it is E_q[log q(z) - log p(z)]: Monte Carlo over {n} samples (tolerance 4 standard errors)", ratios.Average(), kl2, 4 * StandardError(ratios));
}

// ------------------------------------------------------------------------------------------------
Section("3. The reparameterisation trick: z = mu + sigma * eps");
{
    const int n = 100_000;
    const double m = 0.5, lv = -0.6;
    var sd = Math.Exp(lv / 2);
    var rkey = Key.FromSeed(8);
    var e = Sample.Normal(rkey, n, 1).ToArray();
    var z = CoreLosses.Reparameterize(Tensor.Filled(n, 1, m), Tensor.Filled(n, 1, lv), rkey).ToArray();
    Close("z_i = mu + e^(logVar/2) eps_i with the key's eps (max difference over 100000 samples)", z.Select((v, i) => Math.Abs(v - (m + sd * e[i]))).Max(), 0, 1e-15);
    Say($"f(z) = z^2 with q = N(mu = {m}, sigma^2 = e^{lv} = {F(sd * sd)}): E_q[f] = mu^2 + sigma^2, so d/dmu = 2 mu = {2 * m} and d/dlogVar = sigma^2 = {F(sd * sd)}.");
    var logVarColumn = Tensor.Filled(n, 1, lv);
    var (_, gMu) = Grad.ValueAndGrad(p => Ops.Mean(Ops.Square(CoreLosses.Reparameterize(Ops.BroadcastTo(p, n, 1), logVarColumn, rkey))), Tensor.Scalar(m));
    var (_, gLv) = Grad.ValueAndGrad(p => Ops.Mean(Ops.Square(CoreLosses.Reparameterize(Tensor.Filled(n, 1, m), Ops.BroadcastTo(p, n, 1), rkey))), Tensor.Scalar(lv));
    var perSampleMu = z.Select(v => 2 * v).ToArray();
    var perSampleLv = z.Select((v, i) => v * sd * e[i]).ToArray();
    Close("the gradient flows through mu: library d/dmu = mean_i 2 z_i by hand", gMu.ToScalar(), perSampleMu.Average(), 1e-12);
    Close("and through sigma: library d/dlogVar = mean_i z_i sigma eps_i by hand", gLv.ToScalar(), perSampleLv.Average(), 1e-12);
    Close("the estimate is unbiased: d/dmu vs 2 mu (tolerance 4 standard errors)", gMu.ToScalar(), 2 * m, 4 * StandardError(perSampleMu));
    Close("d/dlogVar vs sigma^2 (tolerance 4 standard errors)", gLv.ToScalar(), sd * sd, 4 * StandardError(perSampleLv));
}

// ------------------------------------------------------------------------------------------------
Section("4. Training a VAE: the ELBO's two terms");
const int latent = 6, epochs = 12;
var shapes = Datasets.Shapes(trainCount: 1000, testCount: 500, seed: 1);
var options = new TrainOptions { Epochs = epochs, BatchSize = 50, LearningRate = 3e-3 };
Say($"A VAE 784 -> 64 -> {latent} -> 64 -> 784 (Bernoulli decoder), trained {epochs} epochs on 1000 generated 28 x 28 shapes:");
var vae = new Vae(inputDim: 784, latentDim: latent, hiddenDims: [64], seed: 1);
var report = vae.Fit(shapes.Train, options);
var recon = report.Epochs.Select(r => r.Metrics["reconstruction"]).ToArray();
var klCurve = report.Epochs.Select(r => r.Metrics["kl"]).ToArray();
Say("epoch:          " + string.Join(" ", report.Epochs.Select(r => $"{r.Epoch,7}")));
Say("reconstruction: " + string.Join(" ", recon.Select(v => $"{v,7:0.0}")));
Say("KL:             " + string.Join(" ", klCurve.Select(v => $"{v,7:0.00}")));
Close("every epoch's -ELBO is reconstruction + KL (max difference over epochs)", report.Epochs.Max(r => Math.Abs(r.TrainLoss - (r.Metrics["reconstruction"] + r.Metrics["kl"]))), 0, 1e-9);
Holds($"training raised the ELBO: -ELBO {F(report.Epochs[0].TrainLoss)} in epoch 1 -> {F(report.FinalTrainLoss)} in epoch {epochs}", report.FinalTrainLoss < report.Epochs[0].TrainLoss);
var klTest = vae.KlPerDimension(shapes.Test!);
var testNelbo = vae.NegativeElbo(shapes.Test!);
Say($"on 500 test shapes: -ELBO = {F(testNelbo)} nats, of which KL = {F(klTest.Sum())}");
Holds($"reconstruction fell ({F(recon[0])} -> {F(recon[^1])}) while the KL rose ({F(klCurve[0])} -> {F(klCurve[^1])})", recon[^1] < recon[0] && klCurve[^1] > klCurve[0]);
{
    var plot = new ScottPlot.Plot();
    var epochAxis = report.Epochs.Select(r => (double)r.Epoch).ToArray();
    var rLine = plot.Add.Scatter(epochAxis, recon);
    rLine.LegendText = "reconstruction -E_q[log p(x|z)] (left axis)";
    var kLine = plot.Add.Scatter(epochAxis, klCurve);
    kLine.LegendText = "KL(q(z|x) || p(z)) (right axis)";
    kLine.Axes.YAxis = plot.Axes.Right;
    plot.Axes.Right.Label.Text = "KL, nats per sample";
    plot.Title("The ELBO's two terms while a VAE trains on shapes");
    plot.XLabel("epoch");
    plot.YLabel("reconstruction, nats per sample");
    plot.ShowLegend(ScottPlot.Alignment.UpperCenter);
    Save(plot, "l3-elbo-terms.png");
}

// ------------------------------------------------------------------------------------------------
Section("5. Latent traversals");
Say("Decode the mean code with one coordinate moved from -2.5 to 2.5 (prior standard deviations); one row per latent,");
Say("by decreasing KL. The factor each latent follows most (|correlation| of its posterior mean with a factor):");
var order = Enumerable.Range(0, latent).OrderByDescending(j => klTest[j]).ToArray();
var testCodes = vae.Encode(shapes.Test!);
var trainFactors = Datasets.ShapesFactors(trainCount: 1000, seed: 1);
var trainCodes = vae.Encode(shapes.Train);
string[] factorNames = ["shape", "scale", "orientation", "posX", "posY"];
var meanCode = Enumerable.Range(0, latent).Select(j => testCodes.Average(c => c[j])).ToArray();
var steps = Enumerable.Range(0, 9).Select(i => -2.5 + 5.0 * i / 8).ToArray();
var traversals = new double[latent][][];
var change = new double[latent];
foreach (var j in order)
{
    traversals[j] = vae.Decode(steps.Select(t => meanCode.Select((v, k) => k == j ? t : v).ToArray()).ToArray());
    change[j] = traversals[j][0].Zip(traversals[j][^1], (a, b) => Math.Abs(a - b)).Average();
    var corr = Enumerable.Range(0, 5).Select(f => Math.Abs(Correlation(trainCodes.Select(c => c[j]).ToArray(), trainFactors.Select(r => (double)r[f]).ToArray()))).ToArray();
    var best = Array.IndexOf(corr, corr.Max());
    Say($"z{j + 1}: KL {F(klTest[j])} nats, mean |pixel change| end to end {F(change[j])}, follows {factorNames[best]} (|corr| {F(corr[best])})");
}
Holds($"moving the most informative latent changes the image (mean |change| {F(change[order[0]])} > 0.01)", change[order[0]] > 0.01);
Holds($"more than moving the least informative one ({F(change[order[^1]])})", change[order[0]] > change[order[^1]]);
{
    var plot = Mosaic(order.Select(j => traversals[j]).ToArray(), 28);
    plot.Title($"Latent traversals (rows: z{string.Join(", z", order.Select(j => j + 1))} by decreasing KL; -2.5 to 2.5)");
    Save(plot, "l3-traversals.png", 700, 520);
}

// ------------------------------------------------------------------------------------------------
Section("6. Posterior collapse as beta grows");
Say("The beta-VAE minimises -E_q[log p(x|z)] + beta KL: a larger beta pushes more latents onto the prior (KL_j ~ 0).");
double[] betas = [1, 4, 16, 64];
var klByBeta = new double[betas.Length][];
var activeByBeta = new int[betas.Length];
for (var b = 0; b < betas.Length; b++)
{
    var model = betas[b] == 1 ? vae : new Vae(inputDim: 784, latentDim: latent, hiddenDims: [64], seed: 1, beta: betas[b]);
    if (betas[b] != 1) model.Fit(shapes.Train, options);
    klByBeta[b] = [.. model.KlPerDimension(shapes.Test!).OrderDescending()];
    activeByBeta[b] = model.ActiveUnits(shapes.Test!);
    Say($"beta = {betas[b],3}: KL per latent (sorted) = [{string.Join(", ", klByBeta[b].Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))}], total {F(klByBeta[b].Sum())}, active units {activeByBeta[b]}");
}
Holds($"the total KL falls as beta grows ({F(klByBeta[0].Sum())} at beta = {betas[0]} -> {F(klByBeta[^1].Sum())} at beta = {betas[^1]})",
    klByBeta.Zip(klByBeta.Skip(1), (a, c) => c.Sum() < a.Sum()).All(ok => ok));
Holds($"latents collapse onto the prior: active units {string.Join(" -> ", activeByBeta)} never rise, and fall from {activeByBeta[0]} to {activeByBeta[^1]}",
    activeByBeta.Zip(activeByBeta.Skip(1), (a, c) => c <= a).All(ok => ok) && activeByBeta[^1] < activeByBeta[0]);
{
    var plot = new ScottPlot.Plot();
    var logBeta = betas.Select(Math.Log2).ToArray();
    for (var rank = 0; rank < latent; rank++)
    {
        var line = plot.Add.Scatter(logBeta, klByBeta.Select(k => k[rank]).ToArray());
        line.LegendText = rank == 0 ? "most informative latent" : rank == latent - 1 ? "least informative latent" : $"latent ranked {rank + 1}";
    }
    var au = plot.Add.Scatter(logBeta, activeByBeta.Select(a => (double)a).ToArray());
    au.LegendText = "active units (right axis)";
    au.Axes.YAxis = plot.Axes.Right;
    au.LinePattern = ScottPlot.LinePattern.Dashed;
    au.LineWidth = 2;
    plot.Axes.Right.Label.Text = "active units (Cov_x E_q[z_j] > 0.01)";
    plot.Axes.Bottom.SetTicks(logBeta, betas.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
    plot.Title("Posterior collapse: KL per latent dimension vs beta");
    plot.XLabel("beta (log scale)");
    plot.YLabel("KL(q(z_j|x) || N(0, 1)), nats");
    plot.ShowLegend(ScottPlot.Alignment.UpperRight);
    Save(plot, "l3-collapse.png");
}

return Finish();

// ------------------------------------------------------------------------------------------------
static double Softplus(double v) => Math.Log(1 + Math.Exp(v));

static double StandardError(double[] values)
{
    var mean = values.Average();
    return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
}

static double Correlation(double[] a, double[] b)
{
    double ma = a.Average(), mb = b.Average();
    double cov = 0, va = 0, vb = 0;
    for (var i = 0; i < a.Length; i++)
    {
        cov += (a[i] - ma) * (b[i] - mb);
        va += (a[i] - ma) * (a[i] - ma);
        vb += (b[i] - mb) * (b[i] - mb);
    }
    return va > 0 && vb > 0 ? cov / Math.Sqrt(va * vb) : 0;
}

// Rows of square images side by side, as one greyscale heatmap.
static ScottPlot.Plot Mosaic(double[][][] rows, int side)
{
    var cols = rows.Max(r => r.Length);
    var pixels = new double[rows.Length * side, cols * side];
    for (var i = 0; i < rows.Length; i++)
        for (var j = 0; j < rows[i].Length; j++)
            for (var y = 0; y < side; y++)
                for (var x = 0; x < side; x++)
                    pixels[i * side + y, j * side + x] = rows[i][j][y * side + x];
    var plot = new ScottPlot.Plot();
    plot.Add.Heatmap(pixels).Colormap = new ScottPlot.Colormaps.Grayscale();
    plot.Axes.Frameless();
    plot.HideGrid();
    return plot;
}
