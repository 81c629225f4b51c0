namespace RepLearn.Functional.Nn;

/// <summary>How a dense layer's initial weights are drawn.</summary>
public enum InitScheme
{
    /// <summary>
    /// PyTorch's nn.Linear default: weight and bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    /// (kaiming_uniform with a = sqrt(5)).
    /// </summary>
    TorchUniform,
    /// <summary>Glorot and Bengio (2010): weight ~ U(-b, b), b = sqrt(6 / (fan_in + fan_out)); bias 0.</summary>
    GlorotUniform,
}

/// <summary>
/// An affine layer y = x W^T + b, with W stored out x in and b as a 1 x out row (PyTorch's
/// nn.Linear layout, so checkpoints load into torch unchanged).
/// </summary>
/// <param name="Weight">out x in.</param>
/// <param name="Bias">1 x out.</param>
[Tree]
public sealed partial record Dense(Tensor Weight, Tensor Bias)
{
    /// <summary>Input width.</summary>
    public int InputDim => Weight.Cols;

    /// <summary>Output width.</summary>
    public int OutputDim => Weight.Rows;

    /// <summary>Fresh parameters drawn from <paramref name="key"/>.</summary>
    [Pure]
    public static Dense Init(Key key, int inputDim, int outputDim, InitScheme scheme = InitScheme.TorchUniform)
    {
        if (inputDim < 1) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "must be >= 1");
        if (outputDim < 1) throw new ArgumentOutOfRangeException(nameof(outputDim), outputDim, "must be >= 1");
        var (wKey, bKey) = key.Split();
        var bound = scheme == InitScheme.TorchUniform ? 1.0 / Math.Sqrt(inputDim) : Math.Sqrt(6.0 / (inputDim + outputDim));
        var weight = Symmetric(Sample.Uniform(wKey, outputDim, inputDim), bound);
        var bias = scheme == InitScheme.TorchUniform ? Symmetric(Sample.Uniform(bKey, 1, outputDim), 1.0 / Math.Sqrt(inputDim)) : Tensor.Zeros(1, outputDim);
        return new Dense(weight, bias);
    }

    /// <summary>y = x W^T + b for a batch x (n x in), giving n x out.</summary>
    [Pure]
    public static Tensor Apply(Dense p, Tensor x) => Ops.Add(Ops.MatMul(x, p.Weight, transposeB: true), p.Bias);

    private static Tensor Symmetric(Tensor u, double bound) => Tree.Elementwise(u, u, (v, _) => (2 * v - 1) * bound);
}
