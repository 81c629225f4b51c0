namespace RepLearn.Functional.Nn;

/// <summary>
/// A multilayer perceptron: dense layers with <see cref="Activation"/> between them and
/// <see cref="Output"/> after the last: h_0 = x, h_i = act(Dense_i(h_i-1)), y = out(Dense_L(h_L-1)).
/// The activations are static data, not parameters: Map and Zip keep them. Leaves are "0.weight", "0.bias", "1.weight", ...
/// </summary>
[Tree]
public sealed partial record Mlp([TreePath("")] ImmutableArray<Dense> Layers, Activation Activation, Activation Output)
{
    /// <summary>Input width.</summary>
    public int InputDim => Layers[0].InputDim;

    /// <summary>Output width.</summary>
    public int OutputDim => Layers[^1].OutputDim;

    /// <summary>
    /// Layers of widths sizes[0] -> sizes[1] -> ... -> sizes[^1]; layer i draws from key.FoldIn(i).
    /// </summary>
    [Pure]
    public static Mlp Init(Key key, IReadOnlyList<int> sizes, Activation activation = Activation.Relu,
        Activation output = Activation.Identity, InitScheme scheme = InitScheme.TorchUniform)
    {
        if (sizes.Count < 2) throw new ArgumentException($"an MLP needs at least an input and an output size, got {sizes.Count}", nameof(sizes));
        var layers = Enumerable.Range(0, sizes.Count - 1)
            .Select(i => Dense.Init(key.FoldIn(i), sizes[i], sizes[i + 1], scheme));
        return new Mlp([.. layers], activation, output);
    }

    /// <summary>Parameters of an MLP of widths sizes[0] -> ... -> sizes[^1]: sum_i (sizes[i] + 1) sizes[i+1], computed without allocating.</summary>
    [Pure]
    public static long ParameterCount(IReadOnlyList<int> sizes)
    {
        long count = 0;
        for (var i = 0; i + 1 < sizes.Count; i++) count = checked(count + ((long)sizes[i] + 1) * sizes[i + 1]);
        return count;
    }

    /// <summary>The forward pass for a batch x (n x in).</summary>
    [Pure]
    public static Tensor Apply(Mlp p, Tensor x)
    {
        var h = x;
        var last = p.Layers.Length - 1;
        for (var i = 0; i <= last; i++)
            h = (i < last ? p.Activation : p.Output).Apply(Dense.Apply(p.Layers[i], h));
        return h;
    }
}
