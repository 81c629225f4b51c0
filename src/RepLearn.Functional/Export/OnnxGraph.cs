namespace RepLearn.Functional.Export;

/// <summary>
/// A feed-forward ONNX graph, independent of its element type: one input and one output of shape [N, width] with a
/// dynamic batch dimension named <see cref="BatchDimension"/>, nodes in topological order, and the weights as
/// initializers. <see cref="OnnxFile"/> writes it as a ModelProto; <see cref="OnnxExport"/> builds it from a model.
/// </summary>
/// <param name="Name">The graph's name (GraphProto.name), e.g. "vae_encoder".</param>
/// <param name="Input">The graph input.</param>
/// <param name="Output">The graph output, produced by the last node.</param>
/// <param name="Nodes">Operators in the order they run.</param>
/// <param name="Initializers">Constant tensors (weights and biases) that nodes read by name.</param>
public sealed record OnnxGraph(string Name, OnnxValue Input, OnnxValue Output, ImmutableArray<OnnxNode> Nodes, ImmutableArray<OnnxInitializer> Initializers)
{
    /// <summary>The symbolic name of the batch dimension of the input and the output.</summary>
    public const string BatchDimension = "N";
}

/// <summary>A graph input or output of shape [N, <paramref name="Width"/>].</summary>
/// <param name="Name">The value's name, which an ONNX runtime's feeds and fetches use.</param>
/// <param name="Width">The fixed second dimension.</param>
public sealed record OnnxValue(string Name, int Width);

/// <summary>One operator of the default ONNX domain.</summary>
/// <param name="Name">A name unique in the graph.</param>
/// <param name="OpType">The operator: Gemm, Relu, Tanh, Sigmoid; for softplus Abs, Neg, Exp, Add, Log.</param>
/// <param name="Inputs">Names of the values it reads (graph input, initializers, earlier outputs).</param>
/// <param name="Outputs">Names of the values it produces.</param>
/// <param name="Attributes">Integer attributes, such as Gemm's transB = 1.</param>
public sealed record OnnxNode(string Name, string OpType, ImmutableArray<string> Inputs, ImmutableArray<string> Outputs, ImmutableArray<OnnxAttribute> Attributes);

/// <summary>An integer attribute of a node (AttributeProto of type INT).</summary>
public sealed record OnnxAttribute(string Name, long Value);

/// <summary>
/// A constant tensor: <paramref name="Value"/>'s row-major values with ONNX shape <paramref name="Dims"/>
/// ([rows, cols] for a weight, [n] for a bias, [] for a scalar).
/// </summary>
public sealed record OnnxInitializer(string Name, Tensor Value, ImmutableArray<long> Dims);
