using System.Diagnostics;
using System.Globalization;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Training;

namespace RepLearn.Bench;

/// <summary>
/// examples/vae's network (784-400-20-400-784, ReLU, Bernoulli decoder, Adam 1e-3, batch 128) trained on an MNIST
/// folder's train split as a VAE and as an IWAE (k samples), each from the same initial parameters and key; for each,
/// the test split's -ELBO (one-sample estimate, averaged over 10 keys), -IWAE_k and the log p(x) estimate with
/// Iwae.LogMarginal (k = 5000 by default) on the first evalRows test images. Lines are tab-free "name value" pairs.
/// <c>only</c> (vae | iwae | both) runs one of the two, so they can run as two processes.
/// </summary>
public static class IwaeBench
{
    public static void Run(string folder, int epochs, int samples, int evalRows, int evalSamples, string only = "both")
    {
        var data = Mnist.LoadFolder(folder);
        var train = data.Train.Images;
        var test = data.Test?.Images ?? throw new InvalidDataException($"{folder} has no t10k test files");
        var evalSet = test.SliceRows(0, Math.Min(evalRows, test.Rows));
        Console.WriteLine($"data {folder}: train {train.Rows}, test {test.Rows}, log p(x) on the first {evalSet.Rows} test rows with k = {evalSamples}; threads {Gemm.MaxThreads}");
        var vae = new VaeConfig(784, 20, [400]);
        var iwae = new IwaeConfig(vae, samples).Validated();
        var key = Key.FromSeed(1);
        foreach (var (name, loss) in new[] { ("vae", Vae.Loss(vae)), ($"iwae{samples}", Iwae.Loss(iwae)) })
        {
            if (only != "both" && !name.StartsWith(only, StringComparison.Ordinal)) continue;
            var clock = Stopwatch.StartNew();
            var init = Vae.Init(key.FoldIn(0), vae);
            var adam = Optimizers.Adam<VaeParams>(1e-3);
            var fit = Train.Fit(init, adam.Init(init), adam, loss, train, new FitOptions(epochs, 128, key.FoldIn(1)));
            foreach (var e in fit.History)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} epoch {e.Epoch} train_loss {e.TrainLoss:F3} {string.Join(" ", e.Metrics.Select(m => $"{m.Key} {m.Value:F3}"))}"));
            var trainSeconds = clock.Elapsed.TotalSeconds;
            var p = fit.Parameters;
            var nelbo = Enumerable.Range(0, 10).Average(r => Ops.Mean(Vae.Terms(p, vae, test, key.FoldIn(2).FoldIn(r)).NegativeElbo).ToScalar());
            var nelboEval = Enumerable.Range(0, 10).Average(r => Ops.Mean(Vae.Terms(p, vae, evalSet, key.FoldIn(2).FoldIn(r)).NegativeElbo).ToScalar());
            var niwae = -Ops.Mean(Iwae.Bound(p, vae, test, samples, key.FoldIn(3))).ToScalar();
            clock.Restart();
            var logPx = Ops.Mean(Iwae.LogMarginal(p, vae, evalSet, key.FoldIn(4), evalSamples)).ToScalar();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT {name} test_nelbo {nelbo:F2} test_niwae{samples} {niwae:F2} eval_nelbo {nelboEval:F2} eval_nll_k{evalSamples} {-logPx:F2} train_s {trainSeconds:F0} logpx_s {clock.Elapsed.TotalSeconds:F0}"));
        }
    }
}
