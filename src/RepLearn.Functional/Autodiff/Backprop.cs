namespace RepLearn.Functional.Autodiff;

/// <summary>The reverse sweep: cotangents flow from a scalar output back to every node it depends on.</summary>
internal static class Backprop
{
    /// <summary>
    /// d output / d node for every node reachable from <paramref name="output"/>, which must be 1 x 1.
    /// Nodes are visited in reverse topological order so each pullback sees its complete cotangent.
    /// </summary>
    public static Dictionary<Node, Tensor> Run(Tensor output)
    {
        var cotangents = new Dictionary<Node, Tensor>(ReferenceEqualityComparer.Instance);
        if (output.Node is null) return cotangents;
        if (output.Length != 1)
            throw new ArgumentException($"gradients need a scalar (1x1) output, got {output.ShapeString}", nameof(output));

        cotangents[output.Node] = Tensor.Scalar(1.0, output.DType);
        foreach (var node in ReverseTopologicalOrder(output.Node))
        {
            if (node.Parents.Length == 0 || !cotangents.TryGetValue(node, out var ct)) continue;
            var parentCts = node.Pullback(ct);
            for (var i = 0; i < node.Parents.Length; i++)
            {
                var parent = node.Parents[i].Node;
                var pct = parentCts[i];
                if (parent is null || pct is null) continue;
                cotangents[parent] = cotangents.TryGetValue(parent, out var acc) ? Accumulate(acc, pct) : pct;
            }
            if (!ReferenceEquals(node, output.Node)) cotangents.Remove(node); // free intermediates early
        }
        return cotangents;
    }

    private static Tensor Accumulate(Tensor a, Tensor b)
    {
        if (!a.SameShape(b)) throw new InvalidOperationException($"a pullback returned a {b.ShapeString} cotangent for a {a.ShapeString} value");
        DTypes.RequireSame(a, b, "cotangent accumulation");
        return Ops.Combine<AddOp>(a, b);
    }

    /// <summary>Iterative depth-first post-order, reversed: every node comes before its parents.</summary>
    private static List<Node> ReverseTopologicalOrder(Node root)
    {
        var order = new List<Node>();
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Node Node, int NextParent)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Parents.Length)
            {
                stack.Push((node, next + 1));
                var parent = node.Parents[next].Node;
                if (parent is not null && visited.Add(parent)) stack.Push((parent, 0));
            }
            else order.Add(node);
        }
        order.Reverse();
        return order;
    }
}
