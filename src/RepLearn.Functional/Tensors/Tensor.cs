namespace RepLearn.Functional.Tensors;

/// <summary>
/// An immutable dense matrix of <see cref="double"/> stored row-major in one contiguous buffer:
/// element (r, c) lives at index <c>r * Cols + c</c>. Vectors are 1 x n rows, scalars 1 x 1.
/// A tensor may carry an autodiff <see cref="Node"/> when it was produced inside
/// <see cref="Grad.ValueAndGrad{TTree}(System.Func{TTree, Tensor}, TTree)"/>; its values never change.
/// </summary>
/// <example><code>
/// var x = Tensor.FromRows([[1.0, 2.0], [3.0, 4.0]]);
/// double sum = Ops.Sum(x).ToScalar(); // 10
/// </code></example>
public sealed partial class Tensor
{
    private readonly double[] data;

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Cols { get; }

    /// <summary>Rows * Cols.</summary>
    public int Length => data.Length;

    /// <summary>The reverse-mode tape entry, or null for a constant.</summary>
    internal Node? Node { get; }

    /// <summary>True when gradients flow back through this tensor.</summary>
    public bool RequiresGrad => Node is not null;

    /// <summary>A read-only view of the row-major buffer.</summary>
    public ReadOnlySpan<double> Span => data;

    /// <summary>Element at row <paramref name="row"/>, column <paramref name="col"/>.</summary>
    public double this[int row, int col] => data[row * Cols + col];

    /// <summary>A read-only view of one row.</summary>
    [Pure]
    public ReadOnlySpan<double> Row(int row) => new(data, row * Cols, Cols);

    private Tensor(int rows, int cols, double[] data, Node? node)
    {
        Rows = rows;
        Cols = cols;
        this.data = data;
        Node = node;
    }

    /// <summary>Takes ownership of <paramref name="buffer"/>: the caller must not write to it afterwards.</summary>
    internal static Tensor Wrap(int rows, int cols, double[] buffer, Node? node = null)
    {
        if (rows < 0 || cols < 0 || (long)rows * cols != buffer.Length)
            throw new ArgumentException($"shape {rows}x{cols} does not match a buffer of {buffer.Length}", nameof(buffer));
        return new Tensor(rows, cols, buffer, node);
    }

    /// <summary>The buffer itself, for kernels that only read it.</summary>
    internal double[] Buffer => data;

    /// <summary>The same values attached to another tape node.</summary>
    internal Tensor WithNode(Node? node) => new(Rows, Cols, data, node);

    /// <summary>The same values with no tape node: a constant for autodiff (stop-gradient).</summary>
    [Pure]
    public Tensor Detach() => Node is null ? this : new Tensor(Rows, Cols, data, null);

    /// <summary>A fresh zero-filled buffer of the given shape, for a function to fill before wrapping.</summary>
    internal static double[] NewBuffer(int rows, int cols) => new double[checked(rows * cols)];

    /// <summary>An uninitialised buffer; the caller must write every element.</summary>
    internal static double[] NewUninitialized(int rows, int cols) =>
        GC.AllocateUninitializedArray<double>(checked(rows * cols));

    /// <summary>True when shapes are equal.</summary>
    [Pure]
    public bool SameShape(Tensor other) => Rows == other.Rows && Cols == other.Cols;

    /// <summary>"RxC", for messages.</summary>
    public string ShapeString => $"{Rows}x{Cols}";

    /// <inheritdoc />
    public override string ToString() => $"Tensor[{ShapeString}]";
}
