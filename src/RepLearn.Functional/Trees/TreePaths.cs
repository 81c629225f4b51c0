using RepLearn.Functional.Tensors;

namespace RepLearn.Functional.Trees;

/// <summary>Helpers for composite trees' leaf paths.</summary>
public static class TreePaths
{
    /// <summary>The leaves of a child tree with "prefix." before each path.</summary>
    public static IEnumerable<(string Path, Tensor Leaf)> Under<T>(string prefix, T child) where T : ITree<T> =>
        T.Leaves(child).Select(l => (l.Path.Length == 0 ? prefix : $"{prefix}.{l.Path}", l.Leaf));
}
