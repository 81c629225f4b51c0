namespace RepLearn.Functional.Tensors;

/// <summary>
/// An immutable dense matrix of <see cref="double"/> (<see cref="DType.Float64"/>, the default) or <see cref="float"/>
/// (<see cref="DType.Float32"/>) stored row-major in one contiguous buffer: element (r, c) lives at index
/// <c>r * Cols + c</c>. Vectors are 1 x n rows, scalars 1 x 1.
/// A tensor may carry an autodiff <see cref="Node"/> when it was produced inside
/// <see cref="Grad.ValueAndGrad{TTree}(System.Func{TTree, Tensor}, TTree)"/>; its values never change.
/// </summary>
/// <remarks>
/// Reading: <see cref="Span"/> and <see cref="Row"/> are zero-copy float64 views and <see cref="SpanF32"/> and
/// <see cref="RowF32"/> float32 ones; a view of the other dtype throws naming both (as PyTorch's typed
/// <c>data_ptr&lt;double&gt;()</c> does on a float tensor). The copying reads (<see cref="ToArray"/>,
/// <see cref="ToRows"/>, <see cref="ToScalar"/>, the indexer) work for both dtypes and give doubles, widened exactly
/// from float32 (as PyTorch's <c>.item()</c> and <c>.tolist()</c> give Python floats).
/// A tensor made inside a step of <see cref="Training.Train.Fit{T}"/> is released when the step ends (its memory serves
/// the next step): its values never change, but reading it after the step throws, saying why.
/// </remarks>
/// <example><code>
/// var x = Tensor.FromRows([[1.0, 2.0], [3.0, 4.0]], DType.Float32);
/// double sum = Ops.Sum(x).ToScalar(); // 10, summed in float32
/// </code></example>
public sealed partial class Tensor
{
    /// <summary>double[] for float64, float[] for float32; null once released by the training step that made it (<see cref="StepArena"/>).</summary>
    private Array? data;

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Cols { get; }

    /// <summary>Rows * Cols.</summary>
    public int Length => Rows * Cols;

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The reverse-mode tape entry, or null for a constant.</summary>
    internal Node? Node { get; }

    /// <summary>True when gradients flow back through this tensor.</summary>
    public bool RequiresGrad => Node is not null;

    /// <summary>A read-only view of the row-major float64 buffer; throws for a float32 tensor (use <see cref="SpanF32"/>).</summary>
    public ReadOnlySpan<double> Span => Buffer;

    /// <summary>A read-only view of the row-major float32 buffer; throws for a float64 tensor (use <see cref="Span"/>).</summary>
    public ReadOnlySpan<float> SpanF32 => BufferOf<float>();

    /// <summary>Element at row <paramref name="row"/>, column <paramref name="col"/>, as a double (widened exactly from float32).</summary>
    public double this[int row, int col] => Live is float[] f ? f[row * Cols + col] : ((double[])Live)[row * Cols + col];

    /// <summary>A read-only float64 view of one row; throws for a float32 tensor (use <see cref="RowF32"/>).</summary>
    [Pure]
    public ReadOnlySpan<double> Row(int row) => new(Buffer, row * Cols, Cols);

    /// <summary>A read-only float32 view of one row; throws for a float64 tensor.</summary>
    [Pure]
    public ReadOnlySpan<float> RowF32(int row) => new(BufferOf<float>(), row * Cols, Cols);

    private Tensor(int rows, int cols, Array data, DType dtype, Node? node)
    {
        Rows = rows;
        Cols = cols;
        this.data = data;
        DType = dtype;
        Node = node;
        StepArena.Current?.Track(this, data);
    }

    /// <summary>The buffer, or null once released.</summary>
    internal Array? Data => data;

    /// <summary>The buffer; throws if the training step that made this tensor has ended.</summary>
    private Array Live => data ?? throw ReleasedError();

    /// <summary>Called by <see cref="StepArena"/> when the step that made this tensor ends: its buffer goes to the next step.</summary>
    internal void Release() => data = null;

    private InvalidOperationException ReleasedError() => new(
        $"this tensor ({ShapeString}) was made inside a training step (Train.Fit's loss) and was released when the step ended, " +
        "so its memory could serve the next step; a loss must not keep the tensors it makes: keep the numbers (ToScalar, ToArray) " +
        "or a copy made outside the step instead");

    /// <summary>Takes ownership of <paramref name="buffer"/> (double[] or float[]): the caller must not write to it afterwards.</summary>
    internal static Tensor Wrap<T>(int rows, int cols, T[] buffer, Node? node = null) where T : unmanaged
    {
        var dtype = DTypes.Of<T>();
        if (rows < 0 || cols < 0 || (long)rows * cols != buffer.Length)
            throw new ArgumentException($"shape {rows}x{cols} does not match a buffer of {buffer.Length}", nameof(buffer));
        return new Tensor(rows, cols, buffer, dtype, node);
    }

    /// <summary>The float64 buffer itself, for kernels that only read it.</summary>
    internal double[] Buffer => BufferOf<double>();

    /// <summary>The buffer as <typeparamref name="T"/>[], for generic kernels that only read it; throws on a dtype mismatch.</summary>
    internal T[] BufferOf<T>() where T : unmanaged =>
        data as T[] ?? throw (data is null ? ReleasedError() : new InvalidOperationException(
            $"this tensor ({ShapeString}) is {DType.Name()}, not {DTypes.Of<T>().Name()}: read it with {(DType == DType.Float32 ? "SpanF32/RowF32" : "Span/Row")}, or convert it with AsType({DTypes.Of<T>()})"));

    /// <summary>A read-only view as <typeparamref name="T"/>; throws on a dtype mismatch.</summary>
    internal ReadOnlySpan<T> SpanOf<T>() where T : unmanaged => BufferOf<T>();

    /// <summary>The same values attached to another tape node.</summary>
    internal Tensor WithNode(Node? node) => new(Rows, Cols, Live, DType, node);

    /// <summary>The same values with no tape node: a constant for autodiff (stop-gradient).</summary>
    [Pure]
    public Tensor Detach() => Node is null ? this : new Tensor(Rows, Cols, Live, DType, null);

    /// <summary>A fresh zero-filled float64 buffer of the given shape, for a function to fill before wrapping.</summary>
    internal static double[] NewBuffer(int rows, int cols) => NewBuffer<double>(rows, cols);

    /// <summary>A fresh zero-filled buffer of <typeparamref name="T"/> (from the open training step's arena, if any).</summary>
    internal static T[] NewBuffer<T>(int rows, int cols) where T : unmanaged =>
        StepArena.Current is { } arena ? arena.Rent<T>(checked(rows * cols), clear: true) : new T[checked(rows * cols)];

    /// <summary>An uninitialised float64 buffer; the caller must write every element.</summary>
    internal static double[] NewUninitialized(int rows, int cols) => NewUninitialized<double>(rows, cols);

    /// <summary>An uninitialised buffer of <typeparamref name="T"/> (from the open training step's arena, if any); the caller must write every element.</summary>
    internal static T[] NewUninitialized<T>(int rows, int cols) where T : unmanaged =>
        StepArena.Current is { } arena ? arena.Rent<T>(checked(rows * cols), clear: false) : GC.AllocateUninitializedArray<T>(checked(rows * cols));

    /// <summary>True when shapes are equal.</summary>
    [Pure]
    public bool SameShape(Tensor other) => Rows == other.Rows && Cols == other.Cols;

    /// <summary>"RxC", for messages.</summary>
    public string ShapeString => $"{Rows}x{Cols}";

    /// <inheritdoc />
    public override string ToString() => DType == DType.Float64 ? $"Tensor[{ShapeString}]" : $"Tensor[{ShapeString}, {DType.Name()}]";
}
