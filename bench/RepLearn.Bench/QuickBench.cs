using System.Collections.Immutable;
using System.Diagnostics;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Training;
using RepLearn.Functional.Trees;
using RepLearn.Functional.Tensors;

namespace RepLearn.Bench;

/// <summary>Stopwatch medians over repeated runs, printed as a table: quick figures for the issue notes.</summary>
public static class QuickBench
{
    public static void Run()
    {
        Console.WriteLine($"vector width {System.Numerics.Vector<double>.Count} doubles, {Environment.ProcessorCount} cores");
        foreach (var (m, k, n) in new[] { (128, 784, 400), (128, 400, 784), (784, 128, 400), (128, 400, 20), (1024, 1024, 1024) })
        {
            var a = Sample.Uniform(Key.FromSeed(1), m, k);
            var b = Sample.Uniform(Key.FromSeed(2), k, n);
            var (median, min) = Timed(() => Ops.MatMul(a, b), m * k * n > 1e8 ? 5 : 50);
            Console.WriteLine($"matmul {m}x{k}x{n}: median {median * 1e3:F3} ms, {2.0 * m * k * n / median / 1e9:F1} GFLOP/s (best {2.0 * m * k * n / min / 1e9:F1})");
        }
        {
            var x0 = Sample.Uniform(Key.FromSeed(1), 128, 784);
            var w0 = Sample.Uniform(Key.FromSeed(2), 400, 784);
            var (median, min) = Timed(() => Ops.MatMul(x0, w0, transposeB: true), 50);
            Console.WriteLine($"matmul 128x784x400 as x W^T (the Dense forward): median {median * 1e3:F3} ms, {2.0 * 128 * 784 * 400 / median / 1e9:F1} GFLOP/s (best {2.0 * 128 * 784 * 400 / min / 1e9:F1})");
        }
        var config = new VaeConfig(784, 20, [400]);
        var p = Vae.Init(Key.FromSeed(1), config);
        var x = Sample.Uniform(Key.FromSeed(3), 128, 784);
        var loss = Vae.Loss(config);
        var (step, stepMin) = Timed(() => Grad.ValueAndGradWithAux(q => { var o = loss(q, x, Key.FromSeed(4)); return (o.Loss, 0); }, p), 30);
        Console.WriteLine($"vae 784-400-20-400-784 batch 128 forward+backward: median {step * 1e3:F2} ms (best {stepMin * 1e3:F2})");
        var (fwd, _) = Timed(() => loss(p, x, Key.FromSeed(4)), 30);
        Console.WriteLine($"vae forward only: median {fwd * 1e3:F2} ms");
        var pause0 = GC.GetTotalPauseDuration();
        var bytes0 = GC.GetTotalAllocatedBytes(precise: true);
        const int steps = 20;
        for (var i = 0; i < steps; i++) Grad.ValueAndGradWithAux(q => { var o = loss(q, x, Key.FromSeed(4)); return (o.Loss, 0); }, p);
        Console.WriteLine($"outside Train.Fit (no step arena), per forward+backward: {(GC.GetTotalAllocatedBytes(precise: true) - bytes0) / steps / 1e6:F1} MB allocated, GC pause {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds / steps:F2} ms");
        foreach (var dtype in new[] { DType.Float64, DType.Float32 }) FitSteps(config, dtype);
    }

    /// <summary>
    /// Train.Fit's own steps (examples/vae: Adam 1e-3, batch 128) on 16 batches of uniform pixels: the median step
    /// time and the bytes each warm step allocates (third epoch; the progress callback reads the thread's allocation
    /// counter after every step).
    /// </summary>
    private static void FitSteps(VaeConfig config, DType dtype)
    {
        var data = Sample.Uniform(Key.FromSeed(3), 128 * 16, config.InputDim).AsType(dtype);
        var start = Tree.AsType(Vae.Init(Key.FromSeed(1), config), dtype);
        var optimizer = new OptimizerRecipe(1e-3).Build<VaeParams>();
        var clock = Stopwatch.StartNew();
        var stamps = new List<(long Bytes, double Seconds)>();
        var progress = new Progress(r =>
        {
            if (r.Epoch == 3 && r.CompletedEpoch is null) stamps.Add((GC.GetAllocatedBytesForCurrentThread(), clock.Elapsed.TotalSeconds));
        });
        var gen0 = GC.CollectionCount(0);
        Train.Fit(start, optimizer.Init(start), optimizer, Vae.Loss(config), data, new FitOptions(3, 128, Key.FromSeed(5)), progress: progress);
        var bytes = stamps.Zip(stamps.Skip(1), (a, b) => b.Bytes - a.Bytes).Order().ToList();
        var seconds = stamps.Zip(stamps.Skip(1), (a, b) => b.Seconds - a.Seconds).Order().ToList();
        Console.WriteLine($"Train.Fit vae step, {dtype.Name()}: median {seconds[seconds.Count / 2] * 1e3:F2} ms (best {seconds[0] * 1e3:F2}); " +
                          $"allocated per warm step: median {bytes[bytes.Count / 2] / 1e3:F1} KB, max {bytes[^1] / 1e3:F1} KB; gen0 GCs in 3 epochs {GC.CollectionCount(0) - gen0}");
    }

    /// <summary>A synchronous IProgress (System.Progress posts to a context).</summary>
    private sealed class Progress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }

    /// <summary>Median and minimum wall time over <paramref name="repeats"/> runs after one warm-up.</summary>
    private static (double Median, double Min) Timed(Action action, int repeats)
    {
        action();
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return (times[repeats / 2], times[0]);
    }
}
