#:property Configuration=Release
#:property PublishAot=false
#:project ../../src/RepLearn.Functional/RepLearn.Functional.csproj
#:project ../../src/RepLearn/RepLearn.csproj
#:project LectureKit/LectureKit.csproj
#:package ScottPlot

// Lecture 1, "What is a representation?", computed with the library on small generated data.
// Run from the repository root:  dotnet run docs/lectures/lecture-1-representations.cs [output-folder]
// Each section follows the lecture in order, prints the numbers to check by hand beside the library's,
// and the program exits with 1 if any check is off by more than its stated tolerance.
// (Release: the library built Debug trains 2-3x slower; PublishAot=false: no AOT analysers, a faster compile.)
// Figure (default folder lecture-figures/): l1-mig-vs-rotation.png.

using System.Globalization;
using RepLearn;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Information;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Tensors;
using static RepLearn.Lectures.Lecture;
using NnActivation = RepLearn.Functional.Nn.Activation;

var folder = Folder(args);
Console.WriteLine("Lecture 1 - What is a representation?");

// ------------------------------------------------------------------------------------------------
Section("1. A representation is a function f: X -> R^d");
Say("One dense layer f(x) = W x + b with W = [[1, -1, 0.5], [0, 2, -1]], b = [0.1, -0.2], x = [1, 2, 3]:");
var layer = new Dense(Tensor.FromRows([[1.0, -1.0, 0.5], [0.0, 2.0, -1.0]]), Tensor.RowVector([0.1, -0.2]));
var fx = Dense.Apply(layer, Tensor.RowVector([1.0, 2.0, 3.0]));
Close("f(x)_1 = 1*1 - 1*2 + 0.5*3 + 0.1 = 0.6", fx[0, 0], 1 * 1 - 1 * 2 + 0.5 * 3 + 0.1, 1e-15);
Close("f(x)_2 = 0*1 + 2*2 - 1*3 - 0.2 = 0.8", fx[0, 1], 0 * 1 + 2 * 2 - 1 * 3 - 0.2, 1e-15);

Say("An (untrained) encoder 784 -> 64 -> 8 applied to 16 generated 28 x 28 shapes:");
var images = Datasets.Shapes(trainCount: 16, testCount: 0, seed: 1).Train;
var encoder = new RepLearn.Autoencoder(inputDim: 784, latentDim: 8, hiddenDims: [64], seed: 1);
var codes = encoder.Encode(images);
var again = encoder.Encode(images);
var oneByOne = images.Select(x => encoder.Encode([x])[0]).ToArray();
Say($"z = f(x) has shape {codes.Length} x {codes[0].Length}; z of the first image = [{string.Join(", ", codes[0].Select(v => F(v)))}]");
Holds("f is a function: encoding the same images twice gives bit-identical codes", codes.Zip(again, (a, b) => a.SequenceEqual(b)).All(same => same));
Close("each x is mapped on its own: max |f(batch)_i - f(x_i)|", MaxAbsDiff(codes, oneByOne), 0, 1e-12);

// ------------------------------------------------------------------------------------------------
Section("2. Disentanglement: z_i independent of z_j");
Say("Total correlation TC(z) = 1/2 (sum_i log S_ii - log det S) is 0 exactly when the Gaussian axes are independent.");
var s2 = Tensor.FromRows([[1.0, 0.5], [0.5, 1.0]]);
Close("TC of S = [[1, 0.5], [0.5, 1]]: 1/2 (log 1 + log 1 - log(1 - 0.25)) = 0.1438410", GaussianInformation.TotalCorrelation(s2),
    0.5 * (Math.Log(1) + Math.Log(1) - Math.Log(1 * 1 - 0.5 * 0.5)), 1e-14);
var s3 = Tensor.FromRows([[4.0, 2.0, 1.0], [2.0, 3.0, 1.0], [1.0, 1.0, 2.0]]);
var det3 = 4 * (3 * 2 - 1 * 1) - 2 * (2 * 2 - 1 * 1) + 1 * (2 * 1 - 3 * 1);
Say($"S = [[4, 2, 1], [2, 3, 1], [1, 1, 2]]: det S = 4(6 - 1) - 2(4 - 1) + 1(2 - 3) = {det3}");
Close("TC = 1/2 (log 4 + log 3 + log 2 - log 13) = 1/2 log(24/13) = 0.3065522", GaussianInformation.TotalCorrelation(s3),
    0.5 * (Math.Log(4) + Math.Log(3) + Math.Log(2) - Math.Log(det3)), 1e-14);
Close("TC of a diagonal covariance diag(4, 3, 2) (independent axes)", GaussianInformation.TotalCorrelation(Tensor.FromRows([[4.0, 0, 0], [0, 3.0, 0], [0, 0, 2.0]])), 0, 0);

Say("Mutual Information Gap: for each factor v, MIG = (I(z_best; v) - I(z_second; v)) / H(v), averaged over factors.");
Say("By hand on 4 samples: v = (0, 0, 1, 1), z1 = v, z2 = (0, 1, 1, 1); H(v) = ln 2, I(z1; v) = ln 2,");
Say("I(z2; v) = 1/4 ln(1/4 / (1/2 * 1/4)) + 1/4 ln(1/4 / (1/2 * 3/4)) + 1/2 ln(1/2 / (1/2 * 3/4)) = 1/4 ln 2 + 1/4 ln(2/3) + 1/2 ln(4/3)");
var iz2 = 0.25 * Math.Log(2) + 0.25 * Math.Log(2.0 / 3) + 0.5 * Math.Log(4.0 / 3);
Close("I(z2; v) = 0.2157616", DiscreteInformation.MutualInformation(new[] { 0, 1, 1, 1 }, new[] { 0, 0, 1, 1 }), iz2, 1e-15);
var tinyCodes = Tensor.FromRows([[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 1.0]]);
Close("MIG = (ln 2 - 0.2157616) / ln 2 = 0.6887219", MutualInformationGap.Compute(tinyCodes, [[0, 0, 1, 1]]), (Math.Log(2) - iz2) / Math.Log(2), 1e-15);

const int shapesCount = 4000;
var factorRows = Datasets.ShapesFactors(trainCount: shapesCount, seed: 1);
var factors = Enumerable.Range(0, 5).Select(j => factorRows.Select(r => r[j]).ToArray()).ToArray();
string[] factorNames = ["shape", "scale", "orientation", "posX", "posY"];
// The oracle representation: the five factors themselves, standardised.
var standardised = factors.Select(column =>
{
    var mean = column.Average();
    var sd = Math.Sqrt(column.Average(v => (v - mean) * (v - mean)));
    return column.Select(v => (v - mean) / sd).ToArray();
}).ToArray();
var oracle = Tensor.Create(shapesCount, 5, (i, j) => standardised[j][i]);
var noise = Sample.Normal(Key.FromSeed(2), shapesCount, 5);
var migOracle = MutualInformationGap.Compute(oracle, factors);
var migNoise = MutualInformationGap.Compute(noise, factors);
Say($"On {shapesCount} generated shapes (factors {string.Join(", ", factorNames)}): MIG(z = the factors) = {F(migOracle)}, MIG(z = Gaussian noise) = {F(migNoise)}");
Holds($"the true factors are disentangled: MIG = {F(migOracle)} >= 0.9", migOracle >= 0.9);
Holds($"a random code is not: MIG = {F(migNoise)} <= 0.05", migNoise <= 0.05);

Say("Rotating the (scale, orientation) and (posX, posY) axes by an angle mixes two factors into each axis:");
Say("the axes stay uncorrelated (TC ~ 0: the factors are standardised), but each factor is no longer on one axis.");
var angles = Enumerable.Range(0, 19).Select(i => 5.0 * i).ToArray();
var migs = new double[angles.Length];
var tcs = new double[angles.Length];
for (var a = 0; a < angles.Length; a++)
{
    var rotated = Rotate(oracle, angles[a] * Math.PI / 180);
    migs[a] = MutualInformationGap.Compute(rotated, factors);
    tcs[a] = GaussianInformation.TotalCorrelation(Covariance(rotated));
}
Say("angle (deg):  " + string.Join(" ", angles.Where((_, i) => i % 3 == 0).Select(v => $"{v,6:0}")));
Say("MIG:          " + string.Join(" ", migs.Where((_, i) => i % 3 == 0).Select(v => $"{v,6:0.000}")));
Say("TC (nats):    " + string.Join(" ", tcs.Where((_, i) => i % 3 == 0).Select(v => $"{v,6:0.000}")));
Holds($"rotating by 45 degrees entangles: MIG {F(migs[9])} < 0.5, down from {F(migs[0])}", migs[9] < 0.5);
Holds($"while the Gaussian total correlation stays near 0 at every angle (max {F(tcs.Max())} < 0.01 nats)", tcs.Max() < 0.01);
Holds($"a rotation by 90 degrees only permutes and flips axes: MIG is back to {F(migs[18])} >= 0.9", migs[18] >= 0.9);
{
    var plot = new ScottPlot.Plot();
    var mig = plot.Add.Scatter(angles, migs);
    mig.LegendText = "MIG (rotated factors)";
    var tc = plot.Add.Scatter(angles, tcs);
    tc.LegendText = "Gaussian total correlation (nats)";
    var noiseLine = plot.Add.HorizontalLine(migNoise);
    noiseLine.LegendText = "MIG of a random code";
    noiseLine.LinePattern = ScottPlot.LinePattern.Dashed;
    plot.Title("Disentanglement of the shapes factors, rotated in pairs");
    plot.XLabel("rotation of (scale, orientation) and (posX, posY), degrees");
    plot.YLabel("MIG / TC");
    plot.ShowLegend(ScottPlot.Alignment.UpperCenter);
    Save(plot, "l1-mig-vs-rotation.png");
}

// ------------------------------------------------------------------------------------------------
Section("3. Sufficiency: I(y; x) = I(y; z)");
Say("x uniform on 0..7, y = x mod 2 (so H(y) = ln 2 and I(y; x) = H(y) - H(y | x) = ln 2 - 0):");
int[] xs = [0, 1, 2, 3, 4, 5, 6, 7];
var ys = xs.Select(v => v % 2).ToArray();
Close("I(y; x) = ln 2 = 0.6931472", DiscreteInformation.MutualInformation(ys, xs), Math.Log(2), 1e-15);
Close("z = x mod 4 keeps the parity: I(y; z) = I(y; x) = ln 2", DiscreteInformation.MutualInformation(ys, xs.Select(v => v % 4).ToArray()), Math.Log(2), 1e-15);
Close("z = floor(x / 2) drops it: each z holds one even and one odd x, so I(y; z) = 0", DiscreteInformation.MutualInformation(ys, xs.Select(v => v / 2).ToArray()), 0, 1e-15);
Say($"On the {shapesCount} shapes, y = the shape, x = all five factors, z = a function of x (plug-in information, nats):");
var yShape = factors[0];
var xAll = factorRows.Select(r => string.Join(",", r)).ToArray();
var zShapeScale = factorRows.Select(r => r[0] * 10 + r[1]).ToArray();
var zPosition = factorRows.Select(r => r[3] * 10 + r[4]).ToArray();
var iyx = DiscreteInformation.MutualInformation(yShape, xAll);
var iyScale = DiscreteInformation.MutualInformation(yShape, zShapeScale);
var iyPos = DiscreteInformation.MutualInformation(yShape, zPosition);
Say($"H(y) = {F(DiscreteInformation.Entropy(yShape))}, I(y; x) = {F(iyx)}, I(y; (shape, scale)) = {F(iyScale)}, I(y; (posX, posY)) = {F(iyPos)}");
Close("z = (shape, scale) is sufficient for y: I(y; z) = I(y; x)", iyScale, iyx, 1e-12);
Holds($"z = (posX, posY) is not, and processing cannot add information: I(y; z) = {F(iyPos)} <= I(y; x) = {F(iyx)}", iyPos <= iyx);

// ------------------------------------------------------------------------------------------------
Section("4. Invariance: f(g.x) = f(x)");
Say("Averaging any encoder over a finite group G gives an invariant one: f_G(x) = (1/|G|) sum_g f(g.x).");
Say("By hand: f(x) = x_1 over the cyclic shifts of a width-6 row is the mean of the row; x = [1, 2, 3, 4, 5, 6]:");
var shifts = Orbit.CyclicShifts(6);
var firstCoordinate = Orbit.Average(x => Ops.SliceCols(x, 0, 1), shifts);
Close("f_G(x) = (1 + 2 + 3 + 4 + 5 + 6) / 6 = 3.5", firstCoordinate(Tensor.RowVector([1.0, 2, 3, 4, 5, 6]))[0, 0], (1 + 2 + 3 + 4 + 5 + 6) / 6.0, 1e-15);
var mlp = Mlp.Init(Key.FromSeed(7), [6, 8, 3], NnActivation.Tanh);
Func<Tensor, Tensor> f = x => Mlp.Apply(mlp, x);
var fG = Orbit.Average(f, shifts);
var rows = Sample.Normal(Key.FromSeed(8), 16, 6);
var changeF = Enumerable.Range(1, 5).Max(s => MaxAbsDiff(f(Orbit.Shift(rows, s)).ToRows(), f(rows).ToRows()));
var changeFG = Enumerable.Range(1, 5).Max(s => MaxAbsDiff(fG(Orbit.Shift(rows, s)).ToRows(), fG(rows).ToRows()));
Say($"A random MLP f: 6 -> 8 -> 3 on 16 random rows, shifted by 1..5 places: max |f(g.x) - f(x)| = {F(changeF)}");
Holds($"f itself is not shift-invariant (max change {F(changeF)} > 1e-3)", changeF > 1e-3);
Close("f_G is exactly invariant: max |f_G(g.x) - f_G(x)|", changeFG, 0, 0);

// ------------------------------------------------------------------------------------------------
Section("5. The three objectives conflict");
Say("Invariance to a transformation that changes y destroys information about y (sufficiency).");
Say("All 64 binary rows x of width 6; f the MLP above (injective here), f_G its shift-averaged version:");
var all = Tensor.Create(64, 6, (r, c) => (r >> c) & 1);
var bit0 = Enumerable.Range(0, 64).Select(r => r & 1).ToArray();
var iF = DiscreteInformation.MutualInformation(bit0, DiscreteInformation.RowSymbols(f(all)));
var iFG = DiscreteInformation.MutualInformation(bit0, DiscreteInformation.RowSymbols(fG(all)));
Close("y = x_1: I(y; f(x)) = H(y) = ln 2", iF, Math.Log(2), 1e-12);
// f_G keeps exactly the orbit, i.e. which necklace x is; within an orbit of rows with k ones, x_1 = 1 for
// a fraction k/6 of them, so H(y | orbit) = sum_k C(6, k)/64 h(k/6), h the binary entropy.
var hGivenOrbit = Enumerable.Range(0, 7).Sum(k => Binomial(6, k) / 64.0 * BinaryEntropy(k / 6.0));
Say($"by hand: I(y; orbit) = ln 2 - sum_k C(6,k)/64 h(k/6) = 0.6931472 - {F(hGivenOrbit)} = {F(Math.Log(2) - hGivenOrbit)}");
Close("I(y; f_G(x)) = I(y; orbit)", iFG, Math.Log(2) - hGivenOrbit, 1e-12);
var ones = Enumerable.Range(0, 64).Select(r => int.PopCount(r) % 3).ToArray();
var hOnes = -(22 / 64.0 * Math.Log(22 / 64.0) + 2 * (21 / 64.0 * Math.Log(21 / 64.0)));
Say("A shift-invariant target loses nothing: y = (number of ones) mod 3 takes 0, 1, 2 on 22, 21, 21 rows,");
Close("H(y) = -(22/64 ln(22/64) + 2 * 21/64 ln(21/64)) = I(y; f_G(x))", DiscreteInformation.MutualInformation(ones, DiscreteInformation.RowSymbols(fG(all))), hOnes, 1e-12);

return Finish();

// ------------------------------------------------------------------------------------------------
static double MaxAbsDiff(double[][] a, double[][] b) => a.Zip(b, (u, v) => u.Zip(v, (p, q) => Math.Abs(p - q)).Max()).Max();

// Columns (1, 2) and (3, 4) of z rotated by the angle; column 0 (the shape) is left alone.
static Tensor Rotate(Tensor z, double angle)
{
    var (c, s) = (Math.Cos(angle), Math.Sin(angle));
    return Tensor.Create(z.Rows, z.Cols, (i, j) => j switch
    {
        1 or 3 => c * z[i, j] - s * z[i, j + 1],
        2 or 4 => s * z[i, j - 1] + c * z[i, j],
        _ => z[i, j],
    });
}

static Tensor Covariance(Tensor z)
{
    var centred = Ops.Sub(z, Ops.Mean(z, 0));
    return Ops.Scale(Ops.MatMul(centred, centred, transposeA: true), 1.0 / z.Rows);
}

static double Binomial(int n, int k) => k == 0 ? 1 : Binomial(n, k - 1) * (n - k + 1) / k;

static double BinaryEntropy(double p) => p <= 0 || p >= 1 ? 0 : -p * Math.Log(p) - (1 - p) * Math.Log(1 - p);
