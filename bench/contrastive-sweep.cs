#:property Configuration=Release
#:property PublishAot=false
#:project ../src/RepLearn.Functional/RepLearn.Functional.csproj
using System.Collections.Immutable;
using System.Diagnostics;
using RepLearn.Functional.Data;
using RepLearn.Functional.Evaluation;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Nn;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;

// The exploration behind docs/lecture-4-contrastive.md, "Choosing the views": one contrastive run on the core with every
// knob a key=value argument, printing the linear-probe and 5-NN test accuracy of the code (every=N: also after each N epochs).
// Run from the repository root:  dotnet run -c Release bench/contrastive-sweep.cs -- [key=value ...]
// Keys (default): data (../shared/data/mnist10k), ntrain, rep (20), hidden (256), headhidden (rep), proj (rep/2), tau (0.1),
// lr (1e-3), wd (0), batch (256), epochs (20), seed (1), act (Relu); views: crop (1 = none; else the minimum side fraction),
// shift (2), rot (15 degrees), elastic (alpha; 0 = none), esigma (side/7), noise (0.1), mask (0.1); pca=1 adds PCA-rep.
var a = args.Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);
double D(string k, double d) => a.TryGetValue(k, out var v) ? double.Parse(v) : d;
int I(string k, int d) => a.TryGetValue(k, out var v) ? int.Parse(v) : d;
string S(string k, string d) => a.TryGetValue(k, out var v) ? v : d;
var data = Mnist.LoadFolder(S("data", Path.Combine("..", "shared", "data", "mnist10k")));
var train = data.Train; var test = data.Test!;
int nTrain = I("ntrain", train.Count);
var xtr = train.Images; var ytr = train.Labels.ToArray();
if (nTrain < train.Count) { var idx = Enumerable.Range(0, nTrain).ToArray(); xtr = xtr.GatherRows(idx); ytr = ytr[..nTrain]; }
int side = (int)Math.Round(Math.Sqrt(xtr.Cols));
int rep = I("rep", 20), epochs = I("epochs", 20), batch = I("batch", 256), seed = I("seed", 1);
var hidden = S("hidden", "256").Split(',').Select(int.Parse).ToImmutableArray();
var headHidden = I("headhidden", rep); var proj = I("proj", Math.Max(1, rep / 2));
double tau = D("tau", 0.1), lr = D("lr", 1e-3), wd = D("wd", 0);
double shift = D("shift", 2), rotDeg = D("rot", 15), noise = D("noise", 0.1), mask = D("mask", 0.1), crop = D("crop", 1.0);
var steps = new List<Func<Key, Tensor, Tensor>>();
if (crop < 1) steps.Add((k, x) => Augment.RandomResizedCrop(k, x, side, crop));
if (shift > 0) steps.Add((k, x) => Augment.RandomShift(k, x, side, (int)shift));
if (rotDeg > 0) steps.Add((k, x) => Augment.SmallRotation(k, x, side, rotDeg * Math.PI / 180));
double elastic = D("elastic", 0), esig = D("esigma", side / 7.0);
if (elastic > 0) steps.Add((k, x) => Augment.ElasticDistortion(k, x, side, elastic, esig));
if (noise > 0) steps.Add((k, x) => Augment.GaussianNoise(k, x, noise));
if (mask > 0) steps.Add((k, x) => Augment.PixelMask(k, x, mask));
var augment = Augment.Compose(steps.ToArray());
var act = Enum.Parse<Activation>(S("act", "Relu"));
var config = new ContrastiveConfig(xtr.Cols, hidden, rep, proj, tau, act, side);
var key = Key.FromSeed(seed);
var p0 = Contrastive.Init(key.FoldIn(1), config);
if (headHidden != rep) p0 = p0 with { Projection = Mlp.Init(key.FoldIn(1).FoldIn(1), [rep, headHidden, proj], act) };
var opt = new OptimizerRecipe(lr, wd).Build<ContrastiveParams>();
var loss = Contrastive.Loss(config, augment);
var sw = Stopwatch.StartNew();
int every = I("every", 0);
var p = p0; var st = opt.Init(p0);
double Probe(ContrastiveParams pp, out double knn) {
  var htr = Contrastive.Encode(pp, xtr); var hte = Contrastive.Encode(pp, test.Images);
  var probe = LinearProbe.Fit(htr, ytr, 10);
  knn = LinearProbe.Accuracy(Knn.Predict(htr, ytr, hte, 10), test.Labels.ToArray());
  return LinearProbe.Accuracy(probe.Predict(hte), test.Labels.ToArray());
}
int done = 0;
while (done < epochs) {
  int chunk = every > 0 ? Math.Min(every, epochs - done) : epochs - done;
  var r = Train.Fit(p, st, opt, loss, xtr, new FitOptions(done + chunk, batch, key.FoldIn(2), StartEpoch: done));
  p = r.Parameters; st = r.OptimizerState; done += chunk;
  var acc = Probe(p, out var knn);
  Console.WriteLine($"{string.Join(' ', args)} | epoch {done} probe {acc*100:F2} knn {knn*100:F2} loss {r.History[^1].TrainLoss:F3} t {sw.Elapsed.TotalSeconds:F0}s");
}
if (a.ContainsKey("pca")) { var pca = Pca.Fit(xtr, rep); var ptr = pca.Transform(xtr); var pte = pca.Transform(test.Images);
  var probe = LinearProbe.Fit(ptr, ytr, 10); Console.WriteLine($"PCA-{rep} probe {LinearProbe.Accuracy(probe.Predict(pte), test.Labels.ToArray())*100:F2}"); }
