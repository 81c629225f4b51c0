#:property Configuration=Release
#:property PublishAot=false
#:project ../../src/RepLearn.Functional/RepLearn.Functional.csproj
#:project ../../src/RepLearn/RepLearn.csproj
#:project LectureKit/LectureKit.csproj
#:package ScottPlot

// Lecture 2, "Autoencoders", computed with the library on small generated data.
// Run from the repository root:  dotnet run docs/lectures/lecture-2-autoencoders.cs [output-folder]
// Each section follows the lecture in order, prints the numbers to check by hand beside the library's,
// and the program exits with 1 if any check is off by more than its stated tolerance.
// (Release: the library built Debug trains 2-3x slower; PublishAot=false: no AOT analysers, a faster compile.)
// Figures (default folder lecture-figures/): l2-bottleneck.png, l2-dae-score.png.

using System.Globalization;
using RepLearn;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Data;
using RepLearn.Functional.Evaluation;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using static RepLearn.Lectures.Lecture;
using CoreLosses = RepLearn.Functional.Objectives.Losses;

var folder = Folder(args);
Console.WriteLine("Lecture 2 - Autoencoders");

// ------------------------------------------------------------------------------------------------
Section("1. The autoencoder objective: L_AE = E ||x - g(f(x))||^2");
Say("Two samples x = [[1, 2], [3, 4]] and reconstructions g(f(x)) = [[1.5, 2], [2, 4.5]]:");
var perSample = CoreLosses.SquaredError(Tensor.FromRows([[1.0, 2.0], [3.0, 4.0]]), Tensor.FromRows([[1.5, 2.0], [2.0, 4.5]]));
Close("||x_1 - g(f(x_1))||^2 = 0.5^2 + 0^2 = 0.25", perSample[0, 0], 0.5 * 0.5 + 0 * 0, 1e-15);
Close("||x_2 - g(f(x_2))||^2 = 1^2 + 0.5^2 = 1.25", perSample[1, 0], 1 * 1 + 0.5 * 0.5, 1e-15);
Close("L_AE = mean = (0.25 + 1.25) / 2 = 0.75", Ops.Mean(perSample).ToScalar(), (0.25 + 1.25) / 2, 1e-15);
Say("A linear autoencoder with a 1-d bottleneck: f(x) = w.x, g(z) = w z with w = (1, 1)/sqrt 2; x = (1, 3):");
var w = 1 / Math.Sqrt(2);
var f = new Dense(Tensor.FromRows([[w, w]]), Tensor.RowVector([0.0]));
var g = new Dense(Tensor.FromRows([[w], [w]]), Tensor.RowVector([0.0, 0.0]));
var x13 = Tensor.RowVector([1.0, 3.0]);
var z13 = Dense.Apply(f, x13);
Close("z = f(x) = (1 + 3)/sqrt 2 = 2.828427", z13[0, 0], 4 / Math.Sqrt(2), 1e-15);
Close("g(z) = z/sqrt 2 (1, 1) = (2, 2), so ||x - g(f(x))||^2 = (1 - 2)^2 + (3 - 2)^2 = 2", CoreLosses.SquaredError(x13, Dense.Apply(g, z13))[0, 0], 2, 1e-14);
var rows8 = Sample.Uniform(Key.FromSeed(3), 5, 8).ToRows();
var smallAe = new RepLearn.Autoencoder(inputDim: 8, latentDim: 2, hiddenDims: [16], seed: 3);
var rec8 = smallAe.Reconstruct(rows8);
var byHandAe = rows8.Select((x, i) => x.Select((v, j) => (v - rec8[i][j]) * (v - rec8[i][j])).Sum()).Average();
Close("the facade's Autoencoder.ReconstructionError = mean_i sum_j (x_ij - g(f(x))_ij)^2 (8 -> 16 -> 2, 5 rows)", smallAe.ReconstructionError(rows8), byHandAe, 1e-12);

// ------------------------------------------------------------------------------------------------
Section("2. The bottleneck: PCA is the best linear autoencoder");
Say("Without a bottleneck (d = n) the identity is optimal and the error is 0; with d < n the least error of any");
Say("linear autoencoder is the sum of the discarded eigenvalues of the covariance (PCA, Eckart-Young).");
Say("Six points +-sqrt 3 L e_i, L L^T = S = [[2, 1, 0], [1, 2, 0], [0, 0, 0.5]], have covariance exactly S;");
Say("by hand its eigenvalues are 2 + 1 = 3, 2 - 1 = 1 (the 2 x 2 block [[2, 1], [1, 2]]) and 0.5.");
var l = new[,] { { Math.Sqrt(2), 0, 0 }, { 1 / Math.Sqrt(2), Math.Sqrt(1.5), 0 }, { 0, 0, Math.Sqrt(0.5) } };
var six = Tensor.Create(6, 3, (r, c) => (r % 2 == 0 ? 1 : -1) * Math.Sqrt(3) * l[c, r / 2]);
double[] eigenByHand = [3, 1, 0.5];
var pca3 = Pca.Fit(six, 3);
for (var k = 0; k < 3; k++) Close($"eigenvalue {k + 1}", pca3.AllEigenvalues[k], eigenByHand[k], 1e-12);
for (var d = 1; d <= 3; d++)
{
    var pca = Pca.Fit(six, d);
    var mse = Ops.Mean(CoreLosses.SquaredError(six, pca.InverseTransform(pca.Transform(six)))).ToScalar();
    var discarded = eigenByHand.Skip(d).Sum();
    Close($"d = {d}: PCA's reconstruction error = {string.Join(" + ", eigenByHand.Skip(d).DefaultIfEmpty(0))} = {F(discarded)}", mse, discarded, 1e-12);
}
Say("A trained linear autoencoder 3 -> 1 -> 3 on 512 Gaussian points with covariance S cannot beat PCA, and reaches it:");
var gauss = Ops.MatMul(Sample.Normal(Key.FromSeed(4), 512, 3), Tensor.FromArray(l), transposeB: true);
var bound1 = Pca.Fit(gauss, 1).DiscardedVariance;
var linearAe = new RepLearn.Autoencoder(inputDim: 3, latentDim: 1, hiddenDims: [], seed: 4);
linearAe.Fit(gauss.ToRows(), new TrainOptions { Epochs = 150, BatchSize = 64, LearningRate = 1e-2 });
var aeError = linearAe.ReconstructionError(gauss.ToRows());
Say($"bound (this sample's eigenvalues 2 + 3) = {F(bound1)}, trained linear AE = {F(aeError)} ({F(100 * (aeError / bound1 - 1))}% above)");
Holds($"linear AE error {F(aeError)} >= PCA bound {F(bound1)} (minus 1e-9 rounding)", aeError >= bound1 - 1e-9);
Holds($"and within 1% of it", aeError <= 1.01 * bound1);

Say("By bottleneck width, on 1000 points of a curved 2-d surface in R^8 (x_j = sin(a_j t1 + b_j t2 + c_j)):");
var manifold = Manifold(Key.FromSeed(5), 1000, 8);
var manifoldRows = manifold.ToRows();
int[] widths = [1, 2, 3, 4, 6];
var pcaBound = new double[widths.Length];
var linearError = new double[widths.Length];
var mlpError = new double[widths.Length];
var fitOptions = new TrainOptions { Epochs = 60, BatchSize = 50, LearningRate = 1e-2 };
for (var i = 0; i < widths.Length; i++)
{
    pcaBound[i] = Pca.Fit(manifold, widths[i]).DiscardedVariance;
    var linear = new RepLearn.Autoencoder(inputDim: 8, latentDim: widths[i], hiddenDims: [], seed: 6);
    linear.Fit(manifoldRows, fitOptions);
    linearError[i] = linear.ReconstructionError(manifoldRows);
    var mlp = new RepLearn.Autoencoder(inputDim: 8, latentDim: widths[i], hiddenDims: [32], seed: 6, activation: RepLearn.Activation.Tanh);
    mlp.Fit(manifoldRows, fitOptions);
    mlpError[i] = mlp.ReconstructionError(manifoldRows);
    Say($"d = {widths[i]}: PCA bound {F(pcaBound[i])}, linear AE {F(linearError[i])}, MLP AE (8 -> 32 -> d, tanh) {F(mlpError[i])}");
}
Holds("no linear autoencoder beats PCA at any width", linearError.Zip(pcaBound, (e, b) => e >= b - 1e-9).All(ok => ok));
Holds($"a nonlinear autoencoder can: at d = 2 (the surface's dimension) {F(mlpError[1])} < PCA's {F(pcaBound[1])}", mlpError[1] < pcaBound[1]);
{
    var plot = new ScottPlot.Plot();
    var xs = widths.Select(v => (double)v).ToArray();
    var pcaLine = plot.Add.Scatter(xs, pcaBound);
    pcaLine.LegendText = "PCA: sum of discarded eigenvalues (the linear bound)";
    pcaLine.MarkerSize = 14;
    pcaLine.MarkerShape = ScottPlot.MarkerShape.OpenCircle;
    pcaLine.LineWidth = 0;
    var linearLine = plot.Add.Scatter(xs, linearError);
    linearLine.LegendText = "trained linear autoencoder";
    linearLine.LinePattern = ScottPlot.LinePattern.Dashed;
    plot.Add.Scatter(xs, mlpError).LegendText = "trained MLP autoencoder (tanh)";
    plot.Title("Reconstruction error by bottleneck width (a 2-d surface in R^8)");
    plot.XLabel("bottleneck width d");
    plot.YLabel("mean squared error per sample");
    plot.ShowLegend(ScottPlot.Alignment.UpperRight);
    Save(plot, "l2-bottleneck.png");
}

// ------------------------------------------------------------------------------------------------
Section("3. Denoising autoencoders: x~ = x + eps, eps ~ N(0, sigma^2 I)");
const double sigmaNoise = 0.5;
var clean = Sample.Uniform(Key.FromSeed(7), 200, 500);
var noiseKey = Key.FromSeed(8);
var corrupted = CoreLosses.GaussianCorruption(clean, sigmaNoise, noiseKey);
var byHandCorrupted = Ops.Add(clean, Ops.Scale(Sample.Normal(noiseKey, 200, 500), sigmaNoise));
Close("x~ is x + sigma times the key's standard normals: max |x~ - (x + 0.5 eps)|", MaxAbsDiff(corrupted, byHandCorrupted), 0, 0);
var eps = Ops.Sub(corrupted, clean).ToArray();
var n = eps.Length;
var meanEps = eps.Average();
var varEps = eps.Average(e => (e - meanEps) * (e - meanEps));
Close($"mean of the {n} noise values is 0 (tolerance 4 standard errors, 4 sigma / sqrt n)", meanEps, 0, 4 * sigmaNoise / Math.Sqrt(n));
Close($"their variance is sigma^2 = 0.25 (tolerance 4 sigma^2 sqrt(2 / n))", varEps, sigmaNoise * sigmaNoise, 4 * sigmaNoise * sigmaNoise * Math.Sqrt(2.0 / n));

// ------------------------------------------------------------------------------------------------
Section("4. The denoising objective: L_DAE = E ||x - g(f(x~))||^2");
const double mu = 2, s = 1.5, sigma = 1;
var slopeStar = s * s / (s * s + sigma * sigma);
var interceptStar = sigma * sigma * mu / (s * s + sigma * sigma);
var riskStar = s * s * sigma * sigma / (s * s + sigma * sigma);
Say($"x ~ N(mu = {mu}, s^2 = {s * s}), noise sigma = {sigma}: the best denoiser is E[x | x~] = (s^2 x~ + sigma^2 mu) / (s^2 + sigma^2)");
Say($"= (2.25 x~ + 2) / 3.25 = {F(slopeStar)} x~ + {F(interceptStar)}, with L_DAE = s^2 sigma^2 / (s^2 + sigma^2) = 2.25 / 3.25 = {F(riskStar)}");
var xTrain = Ops.AddScalar(Ops.Scale(Sample.Normal(Key.FromSeed(9), 4000, 1), s), mu);
var xFresh = Ops.AddScalar(Ops.Scale(Sample.Normal(Key.FromSeed(10), 200_000, 1), s), mu);
var errors = CoreLosses.DenoisingError(xFresh, t => Ops.AddScalar(Ops.Scale(t, slopeStar), interceptStar),
    (t, k) => CoreLosses.GaussianCorruption(t, sigma, k), Key.FromSeed(11)).ToArray();
var se = StandardError(errors);
Close($"library L_DAE of that denoiser, Monte Carlo over {errors.Length} draws (tolerance 4 standard errors)", errors.Average(), riskStar, 4 * se);
var dae = new DenoisingAutoencoder(inputDim: 1, latentDim: 1, sigma: sigma, hiddenDims: [], seed: 12);
var trainRows = xTrain.ToRows();
dae.Fit(trainRows, new TrainOptions { Epochs = 30, BatchSize = 100, LearningRate = 1e-2 });
dae.Fit(trainRows, new TrainOptions { Epochs = 10, BatchSize = 100, LearningRate = 1e-3 });
var at = dae.Reconstruct([[0.0], [1.0]]);
var slope = at[1][0] - at[0][0];
Say($"a linear DAE 1 -> 1 -> 1 trained on 4000 draws: r(x~) = {F(slope)} x~ + {F(at[0][0])}");
Close("its slope vs s^2 / (s^2 + sigma^2) (tolerance 3%)", slope, slopeStar, 0.03 * slopeStar);
Close("its intercept vs sigma^2 mu / (s^2 + sigma^2) (tolerance 0.05)", at[0][0], interceptStar, 0.05);
var daeErrors = CoreLosses.DenoisingError(xFresh, t => Tensor.FromRows(dae.Reconstruct(t.ToRows())),
    (t, k) => CoreLosses.GaussianCorruption(t, sigma, k), Key.FromSeed(11)).ToArray();
Close("its L_DAE on the same 200000 draws and noise vs the least possible (tolerance 4 standard errors + 1%)", daeErrors.Average(), riskStar,
    4 * StandardError(daeErrors) + 0.01 * riskStar);

// ------------------------------------------------------------------------------------------------
Section("5. Denoising as score matching");
Say("(r(x~) - x~) / sigma^2 estimates the score of the noised density, grad log p_sigma(x~) (Vincent 2011).");
Say($"Here p_sigma = N(mu, s^2 + sigma^2), so grad log p_sigma(x~) = -(x~ - mu) / (s^2 + sigma^2) = -(x~ - 2) / 3.25.");
var single = new GaussianMixture(Tensor.FromRows([[mu]]), [1.0], s);
double[] points = [-1, 2, 5];
var exactScore = single.Score(Tensor.FromRows(points.Select(p => new[] { p }).ToArray()), sigma);
var daeAt = dae.Reconstruct(points.Select(p => new[] { p }).ToArray());
for (var i = 0; i < points.Length; i++)
{
    var byHand = -(points[i] - mu) / (s * s + sigma * sigma);
    Close($"x~ = {points[i]}: GaussianMixture.Score vs -({points[i]} - 2) / 3.25", exactScore[i, 0], byHand, 1e-14);
    Close($"x~ = {points[i]}: the trained DAE's (r(x~) - x~) / sigma^2 vs the score (tolerance 0.05)", (daeAt[i][0] - points[i]) / (sigma * sigma), byHand, 0.05);
}
Say("A bimodal density: p = 1/2 N(-2, 0.5^2) + 1/2 N(2, 0.5^2), noise sigma = 0.5, an MLP DAE 1 -> 32 -> 8 -> 32 -> 1 (tanh):");
const double sigmaMix = 0.5;
var mixture = new GaussianMixture(Tensor.FromRows([[-2.0], [2.0]]), [0.5, 0.5], 0.5);
var mixDae = new DenoisingAutoencoder(inputDim: 1, latentDim: 8, sigma: sigmaMix, hiddenDims: [32], seed: 13, activation: RepLearn.Activation.Tanh);
var mixRows = mixture.Sample(Key.FromSeed(14), 4000).ToRows();
mixDae.Fit(mixRows, new TrainOptions { Epochs = 40, BatchSize = 50, LearningRate = 3e-3 });
var probe = mixture.Sample(Key.FromSeed(15), 2000, sigmaMix);
var trueScore = mixture.Score(probe, sigmaMix).ToArray();
var probeRows = probe.ToRows();
var estimated = mixDae.Reconstruct(probeRows).Select((r, i) => (r[0] - probeRows[i][0]) / (sigmaMix * sigmaMix)).ToArray();
var residual = trueScore.Zip(estimated, (t, e) => (t - e) * (t - e)).Sum();
var total = trueScore.Sum(t => t * t);
var explained = 1 - residual / total;
Say($"on 2000 draws of p_sigma: 1 - sum (score - estimate)^2 / sum score^2 = {F(explained)}");
Holds($"the DAE's estimate explains most of the true score ({F(explained)} >= 0.8)", explained >= 0.8);
{
    var grid = Enumerable.Range(0, 141).Select(i => -3.5 + 0.05 * i).ToArray();
    var gridRows = grid.Select(v => new[] { v }).ToArray();
    var gridScore = mixture.Score(Tensor.FromRows(gridRows), sigmaMix).ToArray();
    var gridDae = mixDae.Reconstruct(gridRows).Select((r, i) => (r[0] - grid[i]) / (sigmaMix * sigmaMix)).ToArray();
    var density = mixture.LogDensity(Tensor.FromRows(gridRows), sigmaMix).ToArray().Select(Math.Exp).ToArray();
    var plot = new ScottPlot.Plot();
    var truth = plot.Add.Scatter(grid, gridScore);
    truth.LegendText = "true score of p_sigma";
    truth.MarkerSize = 0;
    var est = plot.Add.Scatter(grid, gridDae);
    est.LegendText = "DAE estimate (r(x~) - x~) / sigma^2";
    est.MarkerSize = 0;
    est.LinePattern = ScottPlot.LinePattern.Dashed;
    var dens = plot.Add.Scatter(grid, density.Select(v => 10 * v).ToArray());
    dens.LegendText = "10 x density p_sigma";
    dens.MarkerSize = 0;
    plot.Title("Denoising as score matching (1/2 N(-2, 0.25) + 1/2 N(2, 0.25), sigma = 0.5)");
    plot.XLabel("x~");
    plot.YLabel("score");
    plot.ShowLegend(ScottPlot.Alignment.UpperRight);
    Save(plot, "l2-dae-score.png");
}

return Finish();

// ------------------------------------------------------------------------------------------------
static double MaxAbsDiff(Tensor a, Tensor b) => a.ToArray().Zip(b.ToArray(), (u, v) => Math.Abs(u - v)).Max();

static double StandardError(double[] values)
{
    var mean = values.Average();
    return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
}

// n points of the surface x_j = sin(a_j t1 + b_j t2 + c_j), t ~ U(-1, 1)^2, a_j, b_j ~ N(0, 1.5^2), c_j ~ U(0, 2 pi).
static Tensor Manifold(Key key, int n, int dim)
{
    var keys = key.Split(4);
    var t = Sample.Uniform(keys[0], n, 2);
    var a = Sample.Normal(keys[1], 1, dim);
    var b = Sample.Normal(keys[2], 1, dim);
    var c = Sample.Uniform(keys[3], 1, dim);
    return Tensor.Create(n, dim, (i, j) => Math.Sin(1.5 * a[0, j] * (2 * t[i, 0] - 1) + 1.5 * b[0, j] * (2 * t[i, 1] - 1) + 2 * Math.PI * c[0, j]));
}
