namespace RepLearn.Functional.Export;

/// <summary>
/// An <see cref="OnnxGraph"/> as the bytes of an onnx.ModelProto (field numbers from onnx/onnx.proto):
/// ModelProto { ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8, metadata_props = 14 };
/// GraphProto { node = 1, name = 2, initializer = 5, input = 11, output = 12 };
/// NodeProto { input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7 };
/// AttributeProto { name = 1, i = 3, type = 20 (INT = 2) };
/// TensorProto { dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian) };
/// ValueInfoProto { name = 1, type = 2 }; TypeProto { tensor_type = 1 }; TypeProto.Tensor { elem_type = 1, shape = 2 };
/// TensorShapeProto { dim = 1 }; Dimension { dim_value = 1, dim_param = 2 };
/// OperatorSetIdProto { domain = 1, version = 2 }; StringStringEntryProto { key = 1, value = 2 }.
/// </summary>
internal static class OnnxModelProto
{
    private const int AttributeTypeInt = 2;

    /// <summary>The serialised model.</summary>
    public static byte[] Encode(OnnxGraph graph, OnnxElementType type, IReadOnlyDictionary<string, string> metadata) =>
        new ProtoWriter()
            .Varint(1, OnnxFile.IrVersion)
            .String(2, OnnxFile.ProducerName)
            .String(3, OnnxFile.ProducerVersion)
            .Message(7, g => Graph(g, graph, type))
            .Message(8, o => o.String(1, "").Varint(2, OnnxFile.Opset))
            .Each(metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal), (w, kv) => w.Message(14, e => e.String(1, kv.Key).String(2, kv.Value)))
            .ToArray();

    private static void Graph(ProtoWriter w, OnnxGraph graph, OnnxElementType type) => w
        .Each(graph.Nodes, (n, node) => n.Message(1, m => Node(m, node)))
        .String(2, graph.Name)
        .Each(graph.Initializers, (t, init) => t.Message(5, m => Initializer(m, init, type)))
        .Message(11, v => ValueInfo(v, graph.Input, type))
        .Message(12, v => ValueInfo(v, graph.Output, type));

    private static void Node(ProtoWriter w, OnnxNode node) => w
        .Each(node.Inputs, (i, name) => i.String(1, name))
        .Each(node.Outputs, (o, name) => o.String(2, name))
        .String(3, node.Name)
        .String(4, node.OpType)
        .Each(node.Attributes, (a, attribute) => a.Message(5, m => m.String(1, attribute.Name).Varint(3, attribute.Value).Varint(20, AttributeTypeInt)))
        .String(7, "");

    private static void Initializer(ProtoWriter w, OnnxInitializer init, OnnxElementType type) => w
        .Each(init.Dims, (d, dim) => d.Varint(1, dim))
        .Varint(2, type.DataType())
        .String(8, init.Name)
        .Bytes(9, ProtoWriter.LittleEndian(init.Value.ToArray(), asFloat32: type == OnnxElementType.Float32));

    private static void ValueInfo(ProtoWriter w, OnnxValue value, OnnxElementType type) => w
        .String(1, value.Name)
        .Message(2, t => t.Message(1, tensor => tensor
            .Varint(1, type.DataType())
            .Message(2, shape => shape
                .Message(1, d => d.String(2, OnnxGraph.BatchDimension))
                .Message(1, d => d.Varint(1, value.Width)))));
}
