namespace RepLearn.Functional.Export;

/// <summary>
/// Lowers a chain of dense layers and activations to ONNX nodes, one value flowing through: a
/// <see cref="Dense"/> y = x W^T + b becomes Gemm(x, W, b; transB = 1) with W stored out x in (the checkpoint's
/// layout) and b as a 1-D [out] tensor (Gemm broadcasts it over the rows); an <see cref="Activation"/> becomes
/// its element-wise operator (softplus a stable composition of them), and Identity no node at all. The last node writes the graph output.
/// Names follow the checkpoint's leaf paths: layer "encoder.0" reads initializers "encoder.0.weight" and
/// "encoder.0.bias"; its nodes are "encoder.0.gemm" and "encoder.0.relu".
/// </summary>
internal sealed class OnnxGraphBuilder(OnnxValue input)
{
    private readonly List<OnnxNode> nodes = [];
    private readonly List<OnnxInitializer> initializers = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal) { input.Name };
    private string current = input.Name;
    private int width = input.Width;

    /// <summary>Appends every layer of <paramref name="mlp"/>, named "{prefix}.{i}", with its activations.</summary>
    public OnnxGraphBuilder Mlp(string prefix, Mlp mlp)
    {
        var last = mlp.Layers.Length - 1;
        for (var i = 0; i <= last; i++)
        {
            var name = $"{prefix}.{i}";
            Dense(name, mlp.Layers[i]);
            Activation(name, i < last ? mlp.Activation : mlp.Output);
        }
        return this;
    }

    /// <summary>Appends y = x W^T + b as a Gemm node reading initializers "{name}.weight" and "{name}.bias".</summary>
    public OnnxGraphBuilder Dense(string name, Dense layer)
    {
        if (layer.InputDim != width)
            throw new ArgumentException($"layer '{name}' reads {layer.InputDim} columns but the graph carries {width} at this point", nameof(layer));
        var weight = Unique($"{name}.weight");
        var bias = Unique($"{name}.bias");
        initializers.Add(new OnnxInitializer(weight, layer.Weight, [layer.Weight.Rows, layer.Weight.Cols]));
        initializers.Add(new OnnxInitializer(bias, layer.Bias, [layer.Bias.Length]));
        Node($"{name}.gemm", "Gemm", [current, weight, bias], [new OnnxAttribute("transB", 1)]);
        width = layer.OutputDim;
        return this;
    }

    /// <summary>
    /// Appends <paramref name="activation"/> as its ONNX operator, named "{name}.{op}"; nothing for Identity; softplus as
    /// the library's own formula (see <see cref="Softplus"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">An activation with no ONNX operator.</exception>
    public OnnxGraphBuilder Activation(string name, Activation activation)
    {
        if (activation == Nn.Activation.Softplus) return Softplus($"{name}.softplus");
        if (OnnxOperator(activation) is { } op) Node($"{name}.{op.ToLowerInvariant()}", op, [current], []);
        return this;
    }

    /// <summary>
    /// softplus(x) = max(x, 0) + log(1 + e^-|x|) as Relu, Abs, Neg, Exp, Add (of a scalar 1), Log and Add nodes, rather
    /// than ONNX's Softplus operator: onnxruntime has no float64 kernel for Softplus, and this is the library's own
    /// overflow-free formula (<c>Scalar.Softplus</c>) in operators every runtime has for both element types. It differs
    /// from the library only in log(1 + u) for log1p(u), an absolute error below about 2^-52 (2e-16) in float64.
    /// </summary>
    private OnnxGraphBuilder Softplus(string name)
    {
        var x = current;
        var one = SoftplusOne();
        Node($"{name}.abs", "Abs", [x], []);
        Node($"{name}.neg", "Neg", [current], []);
        Node($"{name}.exp", "Exp", [current], []);
        Node($"{name}.add_one", "Add", [current, one], []);
        Node($"{name}.log", "Log", [current], []);
        var log = current;
        Node($"{name}.relu", "Relu", [x], []);
        Node(name, "Add", [current, log], []);
        return this;
    }

    /// <summary>The scalar 1 that every softplus of the graph adds, one initializer "softplus.one".</summary>
    private string SoftplusOne()
    {
        const string name = "softplus.one";
        if (initializers.Any(i => i.Name == name)) return name;
        initializers.Add(new OnnxInitializer(Unique(name), Tensors.Tensor.Filled(1, 1, 1.0), []));
        return name;
    }

    /// <summary>The graph, its last value renamed to <paramref name="output"/>.</summary>
    public OnnxGraph Build(string graphName, string output)
    {
        if (nodes.Count == 0) throw new InvalidOperationException($"graph '{graphName}' has no operators");
        if (!names.Add(output)) throw new ArgumentException($"output name '{output}' is already used in graph '{graphName}'", nameof(output));
        var last = nodes[^1];
        var renamed = nodes.Take(nodes.Count - 1).Append(last with { Outputs = [output] });
        return new OnnxGraph(graphName, input, new OnnxValue(output, width), [.. renamed], [.. initializers]);
    }

    /// <summary>
    /// The ONNX operator (default domain, opset 17) of an activation: Relu, Tanh, Sigmoid, Softplus (which
    /// <see cref="Activation"/> writes as a composition); null for Identity, which needs no node.
    /// </summary>
    /// <exception cref="NotSupportedException">The activation has no ONNX operator this exporter knows.</exception>
    public static string? OnnxOperator(Activation activation) => activation switch
    {
        Nn.Activation.Identity => null,
        Nn.Activation.Relu => "Relu",
        Nn.Activation.Tanh => "Tanh",
        Nn.Activation.Sigmoid => "Sigmoid",
        Nn.Activation.Softplus => "Softplus",
        _ => throw new NotSupportedException(
            $"activation {activation} has no ONNX operator in this exporter; supported: {string.Join(", ", Enum.GetNames<Activation>())}"),
    };

    private void Node(string name, string opType, ImmutableArray<string> inputs, ImmutableArray<OnnxAttribute> attributes)
    {
        var node = Unique(name);
        nodes.Add(new OnnxNode(node, opType, inputs, [node], attributes));
        current = node;
    }

    private string Unique(string name) =>
        names.Add(name) ? name : throw new ArgumentException($"name '{name}' appears twice in the graph", nameof(name));
}
