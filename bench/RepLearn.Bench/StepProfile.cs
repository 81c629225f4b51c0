using System.Diagnostics;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Optim;
using RepLearn.Functional.Tensors;
using RepLearn.Functional.Trees;

namespace RepLearn.Bench;

/// <summary>Where one examples/vae training step spends its time: forward, backward, optimizer, apply (medians over 60 steps).</summary>
public static class StepProfile
{
    public static void Run()
    {
        var config = new VaeConfig(784, 20, [400]);
        var p = Vae.Init(Key.FromSeed(1), config);
        var x = Sample.Uniform(Key.FromSeed(3), 128, 784);
        var adam = Optimizers.Adam<VaeParams>(1e-3);
        var state = adam.Init(p);
        var loss = Vae.Loss(config);
        var phases = new Dictionary<string, List<double>> { ["forward"] = [], ["forward+backward"] = [], ["adam update"] = [], ["apply updates"] = [], ["finite check"] = [] };
        for (var i = 0; i < 70; i++)
        {
            var sw = Stopwatch.StartNew();
            loss(p, x, Key.FromSeed(i));
            var t0 = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var (_, g, _) = Grad.ValueAndGradWithAux(q => (loss(q, x, Key.FromSeed(i)).Loss, 0), p);
            var t1 = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            Tree.AllFinite(g);
            var t2 = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var (u, s) = adam.Update(g, state, p);
            var t3 = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var next = Transforms.ApplyUpdates(p, u);
            var t4 = sw.Elapsed.TotalMilliseconds;
            (p, state) = (next, s);
            if (i < 10) continue;
            phases["forward"].Add(t0);
            phases["forward+backward"].Add(t1);
            phases["finite check"].Add(t2);
            phases["adam update"].Add(t3);
            phases["apply updates"].Add(t4);
        }
        foreach (var (name, times) in phases)
        {
            times.Sort();
            Console.WriteLine($"{name,-18} median {times[times.Count / 2],7:F2} ms   best {times[0],7:F2} ms");
        }
    }
}
