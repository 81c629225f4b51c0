namespace RepLearn.Functional.Information;

/// <summary>
/// One element g of a finite group acting on inputs, applied to every row of a batch: x -&gt; g.x.
/// </summary>
/// <param name="Name">A readable name, e.g. "shift 2" or "flip 0b101", for messages.</param>
/// <param name="Apply">The action on a batch (n x d -&gt; n x d), row by row.</param>
public sealed record GroupAction(string Name, Func<Tensor, Tensor> Apply)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// Invariance by orbit averaging (Lecture 1: f(g.x) = f(x) for all g in G). For a finite group G,
/// the averaged encoder f_G(x) = (1/|G|) sum_{g in G} f(g.x) is invariant, because h -&gt; g h is a
/// bijection of G, so f_G(h.x) averages the same orbit {f(g.x)}; it is also the projection of f onto
/// the invariant functions (Reynolds operator; see e.g. Bronstein, Bruna, Cohen and Velickovic 2021,
/// "Geometric deep learning", sec. 3.5).
/// </summary>
/// <example><code>
/// var encoder = Mlp.Init(Key.FromSeed(1), [6, 8, 3]);
/// var invariant = Orbit.Average(x =&gt; Mlp.Apply(encoder, x), Orbit.CyclicShifts(6));
/// var z = invariant(x);                       // equals invariant(Orbit.Shift(x, 2)) bit for bit
/// </code></example>
public static class Orbit
{
    /// <summary>
    /// The orbit average f_G(x) = (1/|G|) sum_{g in G} f(g.x) of <paramref name="encoder"/> over
    /// <paramref name="group"/> (which must list every element of a group, each once). f is evaluated
    /// once per element on the whole batch; for each output entry the |G| values are summed in ascending
    /// order, so the average depends only on the multiset {f(g.x)}. When the actions are exact in floating
    /// point (permutations of entries, sign flips) g h.x is bitwise some g'.x, and f_G(h.x) = f_G(x) holds
    /// bit for bit, not just up to rounding. The result is a plain tensor: the sort is not differentiated.
    /// </summary>
    [Pure]
    public static Func<Tensor, Tensor> Average(Func<Tensor, Tensor> encoder, IReadOnlyList<GroupAction> group)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (group.Count < 1) throw new ArgumentException("the group must have at least one element (the identity)", nameof(group));
        return x =>
        {
            var outputs = group.Select(g => encoder(g.Apply(x)).Detach()).ToArray();
            var first = outputs[0];
            foreach (var o in outputs)
                if (!o.SameShape(first))
                    throw new InvalidOperationException($"the encoder gave {o.ShapeString} and {first.ShapeString} on one orbit; its output shape must not depend on the input values");
            var values = new double[group.Count];
            return Tensor.Create(first.Rows, first.Cols, (r, c) =>
            {
                for (var g = 0; g < values.Length; g++) values[g] = outputs[g][r, c];
                Array.Sort(values);
                var sum = 0.0;
                foreach (var v in values) sum += v;
                return sum / values.Length;
            });
        };
    }

    /// <summary>
    /// The cyclic group Z_width acting on 1-D "images" (rows of width entries) by cyclic shifts:
    /// element s in 0..width-1 maps x to (x_{(j - s) mod width})_j (<see cref="Shift"/>); element 0 is the identity.
    /// </summary>
    [Pure]
    public static IReadOnlyList<GroupAction> CyclicShifts(int width)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be >= 1");
        return Enumerable.Range(0, width).Select(s => new GroupAction($"shift {s}", x => Shift(x, s))).ToArray();
    }

    /// <summary>
    /// The group {+1, -1}^width of coordinate-wise sign flips, all 2^width elements: element m flips the
    /// sign of entry j iff bit j of m is set (<see cref="FlipSigns"/>); element 0 is the identity.
    /// </summary>
    [Pure]
    public static IReadOnlyList<GroupAction> SignFlips(int width)
    {
        if (width < 1 || width > 16) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be in [1, 16] (2^width elements)");
        return Enumerable.Range(0, 1 << width)
            .Select(m => new GroupAction($"flip 0b{Convert.ToString(m, 2).PadLeft(width, '0')}", x => FlipSigns(x, m)))
            .ToArray();
    }

    /// <summary>Each row cyclically shifted by <paramref name="shift"/> places: y_ij = x_i,(j - shift) mod d (any integer shift).</summary>
    [Pure]
    public static Tensor Shift(Tensor x, int shift)
    {
        var d = x.Cols;
        if (d == 0) return x;
        var s = ((shift % d) + d) % d;
        return Tensor.Create(x.Rows, d, (r, c) => x[r, ((c - s) % d + d) % d]);
    }

    /// <summary>
    /// y_ij = -x_ij where bit j of <paramref name="mask"/> is set, x_ij elsewhere (columns 31 and up are
    /// never flipped: a non-negative int has bits 0..30 only).
    /// </summary>
    [Pure]
    public static Tensor FlipSigns(Tensor x, int mask)
    {
        if (mask < 0) throw new ArgumentOutOfRangeException(nameof(mask), mask, "mask must be >= 0");
        return Tensor.Create(x.Rows, x.Cols, (r, c) => c < 31 && ((mask >> c) & 1) == 1 ? -x[r, c] : x[r, c]);
    }
}
