using BenchmarkDotNet.Attributes;
using RepLearn.Functional.Autodiff;
using RepLearn.Functional.Keys;
using RepLearn.Functional.Models;
using RepLearn.Functional.Tensors;

namespace RepLearn.Bench;

/// <summary>
/// The matrix products of one examples/vae step (batch 128): the forward 128x784x400, the backward
/// dW = ct^T h (784x128x400) and dX = ct W (128x400x784). GFLOP/s = 2 m k n / time.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private Tensor x = null!, w = null!, ct = null!, h = null!;

    [GlobalSetup]
    public void Setup()
    {
        x = Sample.Uniform(Key.FromSeed(1), 128, 784);
        w = Sample.Uniform(Key.FromSeed(2), 400, 784);
        ct = Sample.Uniform(Key.FromSeed(3), 128, 784);
        h = Sample.Uniform(Key.FromSeed(4), 128, 400);
    }

    /// <summary>x W^T: 128x784 times (400x784)^T.</summary>
    [Benchmark]
    public Tensor Forward_128x784x400() => Ops.MatMul(x, w, transposeB: true);

    /// <summary>ct^T h: (128x784)^T times 128x400.</summary>
    [Benchmark]
    public Tensor WeightGradient_784x128x400() => Ops.MatMul(ct, h, transposeA: true);

    /// <summary>h W: 128x400 times 400x784.</summary>
    [Benchmark]
    public Tensor InputGradient_128x400x784() => Ops.MatMul(h, w);
}

/// <summary>One forward and backward pass of examples/vae (784-400-20-400-784, batch 128, Bernoulli decoder).</summary>
[MemoryDiagnoser]
public class VaeStepBenchmarks
{
    private VaeParams parameters = null!;
    private Tensor batch = null!;
    private readonly VaeConfig config = new(784, 20, [400]);

    [GlobalSetup]
    public void Setup()
    {
        parameters = Vae.Init(Key.FromSeed(1), config);
        batch = Sample.Uniform(Key.FromSeed(3), 128, 784);
    }

    [Benchmark]
    public double ForwardBackward()
    {
        var loss = Vae.Loss(config);
        return Grad.ValueAndGradWithAux(p => (loss(p, batch, Key.FromSeed(4)).Loss, 0), parameters).Value;
    }
}
