#:property Configuration=Release
#:property PublishAot=false
#:project ../../src/RepLearn.Functional/RepLearn.Functional.csproj
#:project ../../src/RepLearn/RepLearn.csproj
#:project LectureKit/LectureKit.csproj
#:package ScottPlot

// Lecture 4, "Contrastive Learning", computed with the library on small generated data.
// Run from the repository root:  dotnet run docs/lectures/lecture-4-contrastive.cs [output-folder]
// Each section follows the lecture in order, prints the numbers to check by hand beside the library's,
// and the program exits with 1 if any check is off by more than its stated tolerance.
// (Release: the library built Debug trains 2-3x slower; PublishAot=false: no AOT analysers, a faster compile.)
// Figures (default folder lecture-figures/): l4-infonce-temperature.png, l4-mi-bound.png.

using System.Globalization;
using RepLearn;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Tensors;
using static RepLearn.Lectures.Lecture;
using CoreLosses = RepLearn.Functional.Objectives.Losses;

var folder = Folder(args);
Console.WriteLine("Lecture 4 - Contrastive Learning");

// ------------------------------------------------------------------------------------------------
Section("1. InfoNCE");
Say("L = -log [e^(sim(z, z+)/tau) / (e^(sim(z, z+)/tau) + sum_k e^(sim(z, z-_k)/tau))], by hand on three vectors:");
Say("z = (2, 0), z+ = (4, 3), z- = (-1, 2), tau = 0.5. sim(z, z+) = 8 / (2 * 5) = 0.8, sim(z, z-) = -2 / (2 sqrt 5) = -0.4472136;");
double sPos = 8.0 / (2 * 5), sNeg = -2 / (2 * Math.Sqrt(5));
var byHand3 = -Math.Log(Math.Exp(sPos / 0.5) / (Math.Exp(sPos / 0.5) + Math.Exp(sNeg / 0.5)));
Say($"L = -log [e^1.6 / (e^1.6 + e^-0.8944272)] = -log [{F(Math.Exp(1.6))} / ({F(Math.Exp(1.6))} + {F(Math.Exp(sNeg / 0.5))})] = {F(byHand3)}");
Close("the facade's Losses.InfoNce", RepLearn.Losses.InfoNce([[2.0, 0.0]], [[4.0, 3.0]], [[[-1.0, 2.0]]], temperature: 0.5), byHand3, 1e-15);
Say("Two anchors with K = 2 negatives each; the loss is the mean over anchors:");
double[][] anchors = [[2, 0], [0, 1]];
double[][] positives = [[4, 3], [1, 2]];
double[][][] negatives = [[[-1, 2], [0, -3]], [[1, 0], [-1, -1]]];
var perAnchor = CoreLosses.InfoNce(Tensor.FromRows(anchors), Tensor.FromRows(positives), Tensor.FromRows(negatives.SelectMany(n => n).ToArray()), 2, 0.5);
var handLosses = new double[2];
for (var i = 0; i < 2; i++)
{
    var sp = Cos(anchors[i], positives[i]);
    var sn = negatives[i].Select(n => Cos(anchors[i], n)).ToArray();
    handLosses[i] = Math.Log(1 + sn.Sum(s => Math.Exp((s - sp) / 0.5)));
    Say($"anchor {i + 1}: sim+ = {F(sp)}, sim- = ({string.Join(", ", sn.Select(F))}); L = log(1 + sum_k e^((sim-_k - sim+)/tau)) = {F(handLosses[i])}");
    Close($"  anchor {i + 1}: the core's per-anchor InfoNce", perAnchor[i, 0], handLosses[i], 1e-14);
}
Close("the facade's mean over anchors", RepLearn.Losses.InfoNce(anchors, positives, negatives, 0.5), handLosses.Average(), 1e-14);
Close("when every similarity is equal (z = (1, 0); z+, z- = (1, 1), (1, -1), (1, 1)) it is log(K + 1) = log 3", RepLearn.Losses.InfoNce([[1.0, 0.0]], [[1.0, 1.0]], [[[1.0, -1.0], [1.0, 1.0]]], 0.5), Math.Log(3), 1e-14);

// ------------------------------------------------------------------------------------------------
Section("2. Cosine similarity: sim(u, v) = u.v / (|u| |v|)");
double[] u = [1, 2, 2], v = [2, 0, 1];
Say("u = (1, 2, 2), v = (2, 0, 1): u.v = 2 + 0 + 2 = 4, |u| = 3, |v| = sqrt 5;");
var sim = RepLearn.Losses.CosineSimilarity(u, v);
Close("sim(u, v) = 4 / (3 sqrt 5) = 0.5962848", sim, 4 / (3 * Math.Sqrt(5)), 1e-15);
Close("it ignores lengths: sim(3u, 0.5v) = sim(u, v)", RepLearn.Losses.CosineSimilarity(u.Select(a => 3 * a).ToArray(), v.Select(a => 0.5 * a).ToArray()), sim, 1e-15);
Close("it flips with the sign: sim(u, -v) = -sim(u, v)", RepLearn.Losses.CosineSimilarity(u, v.Select(a => -a).ToArray()), -sim, 0);
Close("sim(u, u) = 1", RepLearn.Losses.CosineSimilarity(u, u), 1, 1e-15);
Close("a zero vector has no direction: the library gives sim(u, 0) = 0 rather than 0/0", RepLearn.Losses.CosineSimilarity(u, [0.0, 0, 0]), 0, 0);

// ------------------------------------------------------------------------------------------------
Section("3. The temperature tau");
Say("tau scales every similarity before the softmax. As tau grows the softmax flattens and L -> log(K + 1);");
Say("as tau -> 0, tau L -> max(0, max_k sim-_k - sim+), the largest margin violation.");
const int n = 64, k = 15, dim = 16;
var keys = Key.FromSeed(1).Split(4);
var za = Sample.Normal(keys[0], n, dim);
var zPos = Ops.Add(za, Ops.Scale(Sample.Normal(keys[1], n, dim), 0.7)); // a noisy view of each anchor
var zRandom = Sample.Normal(keys[2], n, dim);                          // positives unrelated to the anchors
var zNeg = Sample.Normal(keys[3], n * k, dim);
var taus = Enumerable.Range(0, 41).Select(i => Math.Pow(10, -2 + 0.1 * i)).ToArray();
var lossAligned = taus.Select(t => Ops.Mean(CoreLosses.InfoNce(za, zPos, zNeg, k, t)).ToScalar()).ToArray();
var lossRandom = taus.Select(t => Ops.Mean(CoreLosses.InfoNce(za, zRandom, zNeg, k, t)).ToScalar()).ToArray();
Say($"{n} anchors in R^{dim}, K = {k} random negatives each; positives = anchor + 0.7 noise, or unrelated:");
Say("tau:                 " + string.Join(" ", taus.Where((_, i) => i % 8 == 0).Select(t => $"{t,7:0.###}")));
Say("L, noisy views:      " + string.Join(" ", lossAligned.Where((_, i) => i % 8 == 0).Select(t => $"{t,7:0.###}")));
Say("L, unrelated:        " + string.Join(" ", lossRandom.Where((_, i) => i % 8 == 0).Select(t => $"{t,7:0.###}")));
// The limits, with the similarities computed by hand.
var zaRows = za.ToRows();
var posRows = zPos.ToRows();
var negRows = zNeg.ToRows();
var sims = Enumerable.Range(0, n).Select(i => (Pos: Cos(zaRows[i], posRows[i]), Neg: Enumerable.Range(0, k).Select(j => Cos(zaRows[i], negRows[i * k + j])).ToArray())).ToArray();
var spread = sims.Max(s => Math.Max(s.Pos, s.Neg.Max()) - Math.Min(s.Pos, s.Neg.Min()));
var violation = sims.Average(s => Math.Max(0, s.Neg.Max() - s.Pos));
var big = 1e4;
Close($"tau = 1e4: L vs log(K + 1) = log 16 (tolerance (max sim - min sim) / tau)", Ops.Mean(CoreLosses.InfoNce(za, zPos, zNeg, k, big)).ToScalar(), Math.Log(k + 1), spread / big);
var small = 1e-3;
var tauL = small * Ops.Mean(CoreLosses.InfoNce(za, zPos, zNeg, k, small)).ToScalar();
Say($"mean over anchors of max(0, max_k sim-_k - sim+) = {F(violation)} (most noisy views beat all their negatives)");
Close($"tau = 1e-3: tau L vs the mean largest margin violation (tolerance tau log(K + 1))", tauL, violation, small * Math.Log(k + 1));
Holds("at every tau, matching views give a lower loss than unrelated ones", lossAligned.Zip(lossRandom, (a, r) => a < r).All(ok => ok));
{
    var plot = new ScottPlot.Plot();
    var logTau = taus.Select(Math.Log10).ToArray();
    var aligned = plot.Add.Scatter(logTau, lossAligned);
    aligned.LegendText = "positive = a noisy view of the anchor";
    aligned.MarkerSize = 3;
    var random = plot.Add.Scatter(logTau, lossRandom);
    random.LegendText = "positive unrelated to the anchor";
    random.MarkerSize = 3;
    var limit = plot.Add.HorizontalLine(Math.Log(k + 1));
    limit.LegendText = "log(K + 1), the tau -> infinity limit";
    limit.LinePattern = ScottPlot.LinePattern.Dashed;
    plot.Axes.Bottom.SetTicks([-2, -1, 0, 1, 2], ["0.01", "0.1", "1", "10", "100"]);
    plot.Axes.SetLimitsY(0, 2.5 * Math.Log(k + 1));
    plot.Title($"InfoNCE against the temperature ({n} anchors, K = {k} negatives, cosine similarity)");
    plot.XLabel("temperature tau (log scale)");
    plot.YLabel("mean InfoNCE loss, nats");
    plot.ShowLegend(ScottPlot.Alignment.UpperRight);
    Save(plot, "l4-infonce-temperature.png");
}

// ------------------------------------------------------------------------------------------------
Section("4. InfoNCE bounds the mutual information: I(z; z+) >= log(K + 1) - L_NCE");
Say("Correlated Gaussians z, z+ in R^10 with a known I(z; z+) = -(d/2) log(1 - rho^2). Each batch of 64 pairs gives every z");
Say("the other 63 z+ as negatives (K = 63, log 64 = 4.159). Critics: the optimal one, log p(z+|z) / p(z+), and cosine / 0.1.");
const int batch = 64, d = 10, batches = 40;
double[] trueMi = [0.5, 1, 2, 4, 8, 16];
var optimalEstimate = new double[trueMi.Length];
var cosineEstimate = new double[trueMi.Length];
var logK1 = Math.Log(batch);
var everyBatchBelow = true;
for (var m = 0; m < trueMi.Length; m++)
{
    var rho = CorrelatedGaussians.RhoForMutualInformation(d, trueMi[m]);
    var optimal = new double[batches];
    var cosine = new double[batches];
    for (var b = 0; b < batches; b++)
    {
        var (x, y) = CorrelatedGaussians.Generate(Key.FromSeed(100 + m).FoldIn(b), batch, d, rho);
        // InfoNCE from a score matrix S (row i: anchor i against every z+): L_i = LSE_j S_ij - S_ii.
        var scores = CorrelatedGaussians.LogDensityRatioMatrix(x, y, rho);
        var diagonal = Enumerable.Range(0, batch).ToArray();
        optimal[b] = logK1 - Ops.Mean(Ops.Sub(Ops.LogSumExp(scores, 1), Ops.PickPerRow(scores, diagonal))).ToScalar();
        everyBatchBelow &= optimal[b] <= logK1 + 1e-12;
        var yRows = y.ToRows();
        var others = Tensor.FromRows(Enumerable.Range(0, batch).SelectMany(i => Enumerable.Range(0, batch).Where(j => j != i).Select(j => yRows[j])).ToArray());
        cosine[b] = logK1 - Ops.Mean(CoreLosses.InfoNce(x, y, others, batch - 1, 0.1)).ToScalar();
    }
    optimalEstimate[m] = optimal.Average();
    cosineEstimate[m] = cosine.Average();
    var se = StandardError(optimal);
    Say($"I = {trueMi[m],4}: log 64 - L with the optimal critic = {F(optimalEstimate[m])} (se {F(se)}), with cosine / 0.1 = {F(cosineEstimate[m])}");
    Holds($"  I = {trueMi[m]}: both estimates are below the true value (+ 3 standard errors)",
        optimalEstimate[m] <= trueMi[m] + 3 * se && cosineEstimate[m] <= trueMi[m] + 3 * StandardError(cosine));
}
Holds($"no batch's estimate exceeds log(K + 1) = {F(logK1)}: the bound saturates", everyBatchBelow);
Holds("the optimal critic's estimate grows with the true information", optimalEstimate.Zip(optimalEstimate.Skip(1), (a, b) => b > a).All(ok => ok));
{
    // By hand once: the score-matrix form with scores cos / tau is the library's InfoNce with in-batch negatives.
    var (x, y) = CorrelatedGaussians.Generate(Key.FromSeed(99), 8, 3, 0.6);
    var xr = x.ToRows();
    var yr = y.ToRows();
    var byHand = Enumerable.Range(0, 8).Average(i =>
    {
        var row = Enumerable.Range(0, 8).Select(j => Cos(xr[i], yr[j]) / 0.1).ToArray();
        var max = row.Max();
        return max + Math.Log(row.Sum(s => Math.Exp(s - max))) - row[i];
    });
    var library = RepLearn.Losses.InfoNce(xr, yr, Enumerable.Range(0, 8).Select(i => Enumerable.Range(0, 8).Where(j => j != i).Select(j => yr[j]).ToArray()).ToArray(), 0.1);
    Close("8 pairs, tau = 0.1: mean_i [log sum_j e^(sim(z_i, z+_j)/tau) - sim(z_i, z+_i)/tau] by hand vs Losses.InfoNce", library, byHand, 1e-12);
}
{
    var plot = new ScottPlot.Plot();
    var truth = plot.Add.Scatter(trueMi, trueMi);
    truth.LegendText = "the true I(z; z+)";
    truth.LinePattern = ScottPlot.LinePattern.Dotted;
    truth.MarkerSize = 0;
    plot.Add.Scatter(trueMi, optimalEstimate).LegendText = "log(K + 1) - L, optimal critic";
    plot.Add.Scatter(trueMi, cosineEstimate).LegendText = "log(K + 1) - L, cosine similarity / 0.1";
    var cap = plot.Add.HorizontalLine(logK1);
    cap.LegendText = "log(K + 1) = log 64";
    cap.LinePattern = ScottPlot.LinePattern.Dashed;
    plot.Title("InfoNCE is a lower bound on mutual information, capped at log(K + 1)");
    plot.XLabel("true mutual information, nats");
    plot.YLabel("estimate, nats");
    plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
    Save(plot, "l4-mi-bound.png");
}

// ------------------------------------------------------------------------------------------------
Section("5. In-batch negatives: NT-Xent, what ContrastiveEncoder trains");
Say("Two views a, b of N = 2 samples give 2N = 4 rows; each row's positive is its other view, the other 2N - 2 rows");
Say("are its negatives: l_i = log sum_(j != i) e^(sim(z_i, z_j)/tau) - sim(z_i, z_pos(i))/tau. a = ((1, 0), (0, 1)), b = ((0.8, 0.6), (0.6, 0.8)), tau = 0.5:");
double[][] viewA = [[1, 0], [0, 1]], viewB = [[0.8, 0.6], [0.6, 0.8]];
var all4 = viewA.Concat(viewB).ToArray();
var ntByHand = Enumerable.Range(0, 4).Select(i =>
    Math.Log(Enumerable.Range(0, 4).Where(j => j != i).Sum(j => Math.Exp(Cos(all4[i], all4[j]) / 0.5))) - Cos(all4[i], all4[(i + 2) % 4]) / 0.5).ToArray();
Say($"l = ({string.Join(", ", ntByHand.Select(F))})");
Close("the facade's Losses.NtXent (mean over the 4 rows)", RepLearn.Losses.NtXent(viewA, viewB, 0.5), ntByHand.Average(), 1e-14);

return Finish();

// ------------------------------------------------------------------------------------------------
static double Cos(double[] a, double[] b)
{
    double dot = 0, na = 0, nb = 0;
    for (var i = 0; i < a.Length; i++)
    {
        dot += a[i] * b[i];
        na += a[i] * a[i];
        nb += b[i] * b[i];
    }
    return dot / Math.Sqrt(na * nb);
}

static double StandardError(double[] values)
{
    var mean = values.Average();
    return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
}
