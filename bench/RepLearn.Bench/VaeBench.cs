using System.Diagnostics;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Training;

namespace RepLearn.Bench;

/// <summary>
/// PyTorch's examples/vae (784-400-20-400-784, ReLU, Bernoulli decoder, Adam 1e-3, batch 128) on an MNIST folder,
/// printing lines in the format of ../shared/bench/vae_torch.py so both can be run side by side.
/// The loss is the per-sample mean of the negative ELBO (the script sums over the batch; Adam is
/// invariant to that scale up to eps).
/// </summary>
public static class VaeBench
{
    public static void Run(string folder, int epochs)
    {
        var data = Mnist.LoadFolder(folder);
        var test = data.Test?.Images ?? throw new InvalidDataException($"{folder} has no t10k test files");
        var config = new VaeConfig(784, 20, [400]);
        var key = Key.FromSeed(1);
        var parameters = Vae.Init(key.FoldIn(0), config);
        var adam = Optimizers.Adam<VaeParams>(1e-3);
        var state = adam.Init(parameters);
        var times = new List<double>();
        double testLoss = double.NaN;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var result = Train.Fit(parameters, state, adam, Vae.Loss(config), data.Train.Images,
                new FitOptions(epoch + 1, 128, key.FoldIn(1), StartEpoch: epoch));
            times.Add(clock.Elapsed.TotalSeconds);
            (parameters, state) = (result.Parameters, result.OptimizerState);
            testLoss = RepLearn.Functional.Autodiff.Ops.Mean(Vae.Terms(parameters, config, test, key.FoldIn(2)).NegativeElbo).ToScalar();
            Console.WriteLine($"epoch {epoch + 1} train {result.History[^1].TrainLoss:F2} test {testLoss:F2} time {times[^1]:F3}s");
        }
        times.Sort();
        Console.WriteLine($"RESULT dtype=float64 threads={RepLearn.Functional.Tensors.Gemm.MaxThreads} median_epoch_s={times[times.Count / 2]:F3} final_test_nelbo={testLoss:F2}");
    }
}
