using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using RepLearn.Functional.Tensors;

namespace RepLearn.Properties.Support;

/// <summary>A tensor with values in [-3, 3].</summary>
public sealed record Mat(Tensor Value)
{
    /// <inheritdoc />
    public override string ToString() => Gens.Show(Value);
}

/// <summary>A tensor with values in [0.5, 3]: a safe domain for Log, Sqrt and denominators.</summary>
public sealed record PosMat(Tensor Value)
{
    /// <inheritdoc />
    public override string ToString() => Gens.Show(Value);
}

/// <summary>
/// A tensor with values in [-3, 3] at least <see cref="Gens.KinkMargin"/> away from -1, 0 and 1,
/// the kinks of Relu and of Clamp(x, -1, 1), so that central differences never straddle one.
/// </summary>
public sealed record KinkFreeMat(Tensor Value)
{
    /// <inheritdoc />
    public override string ToString() => Gens.Show(Value);
}

/// <summary>A (m x k) and B (k x n), values in [-3, 3].</summary>
public sealed record MatMulOperands(Tensor A, Tensor B)
{
    /// <inheritdoc />
    public override string ToString() => $"A = {Gens.Show(A)}, B = {Gens.Show(B)}";
}

/// <summary>
/// An r x c tensor with every shape that broadcasts against it: a 1 x c row, an r x 1 column and
/// a 1 x 1 scalar; each in [-3, 3] and again in [0.5, 3] (for denominators).
/// </summary>
public sealed record BroadcastOperands(
    Tensor Full, Tensor Row, Tensor Col, Tensor One,
    Tensor PosFull, Tensor PosRow, Tensor PosCol, Tensor PosOne)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"Full = {Gens.Show(Full)}, Row = {Gens.Show(Row)}, Col = {Gens.Show(Col)}, One = {Gens.Show(One)}, " +
        $"PosFull = {Gens.Show(PosFull)}, PosRow = {Gens.Show(PosRow)}, PosCol = {Gens.Show(PosCol)}, PosOne = {Gens.Show(PosOne)}";
}

/// <summary>A (r x c), Below (r2 x c) and Beside (r x c2): operands for ConcatRows and ConcatCols.</summary>
public sealed record ConcatOperands(Tensor A, Tensor Below, Tensor Beside)
{
    /// <inheritdoc />
    public override string ToString() => $"A = {Gens.Show(A)}, Below = {Gens.Show(Below)}, Beside = {Gens.Show(Beside)}";
}

/// <summary>
/// FsCheck generators for small tensors: 1 to <see cref="MaxDim"/> rows and columns, values in a
/// bounded range. Register with <c>[Properties(Arbitrary = [typeof(Gens)])]</c>. Single tensors
/// shrink by dropping a row or a column (values are kept, so they stay in their domain).
/// </summary>
public static class Gens
{
    /// <summary>Largest number of rows or columns generated.</summary>
    public const int MaxDim = 5;

    /// <summary>Bound of the general value range [-Bound, Bound].</summary>
    public const double Bound = 3.0;

    /// <summary>Lower end of the positive range [PositiveLow, Bound].</summary>
    public const double PositiveLow = 0.5;

    /// <summary>Least distance of a <see cref="KinkFreeMat"/> value from a kink.</summary>
    public const double KinkMargin = 1e-2;

    /// <summary>The kinks avoided by <see cref="KinkFreeMat"/>.</summary>
    public static readonly double[] Kinks = [-1.0, 0.0, 1.0];

    /// <summary>Uniform doubles in [lo, hi] (2^31 levels).</summary>
    public static Gen<double> Uniform(double lo, double hi) =>
        Gen.Choose(0, int.MaxValue).Select(i => lo + (hi - lo) * (i / (double)int.MaxValue));

    /// <summary>A dimension in [1, MaxDim].</summary>
    public static Gen<int> Dim => Gen.Choose(1, MaxDim);

    /// <summary>A rows x cols tensor with elements drawn from <paramref name="values"/>.</summary>
    public static Gen<Tensor> Tensor(int rows, int cols, Gen<double> values) =>
        Gen.ArrayOf(values, rows * cols).Select(a => Functional.Tensors.Tensor.FromSpan(rows, cols, a));

    /// <summary>Values in [-3, 3].</summary>
    public static Gen<double> AnyValue => Uniform(-Bound, Bound);

    /// <summary>Values in [0.5, 3].</summary>
    public static Gen<double> PositiveValue => Uniform(PositiveLow, Bound);

    /// <summary>Values in [-3, 3] away from the kinks.</summary>
    public static Gen<double> KinkFreeValue =>
        AnyValue.Where(v => Kinks.All(k => Math.Abs(v - k) >= KinkMargin));

    /// <summary>A tensor of random shape with values from <paramref name="values"/>.</summary>
    public static Gen<Tensor> AnyShape(Gen<double> values) =>
        from r in Dim
        from c in Dim
        from t in Tensor(r, c, values)
        select t;

    /// <summary>Smaller tensors: the last or first row or column dropped.</summary>
    public static IEnumerable<Tensor> ShrinkShape(Tensor t)
    {
        if (t.Rows > 1)
        {
            yield return Functional.Tensors.Tensor.Create(t.Rows - 1, t.Cols, (r, c) => t[r, c]);
            yield return Functional.Tensors.Tensor.Create(t.Rows - 1, t.Cols, (r, c) => t[r + 1, c]);
        }
        if (t.Cols > 1)
        {
            yield return Functional.Tensors.Tensor.Create(t.Rows, t.Cols - 1, (r, c) => t[r, c]);
            yield return Functional.Tensors.Tensor.Create(t.Rows, t.Cols - 1, (r, c) => t[r, c + 1]);
        }
    }

    /// <summary>Arbitrary for <see cref="Support.Mat"/>.</summary>
    public static Arbitrary<Mat> Mat() =>
        Arb.From(AnyShape(AnyValue).Select(t => new Mat(t)), m => ShrinkShape(m.Value).Select(t => new Mat(t)));

    /// <summary>Arbitrary for <see cref="Support.PosMat"/>.</summary>
    public static Arbitrary<PosMat> PosMat() =>
        Arb.From(AnyShape(PositiveValue).Select(t => new PosMat(t)), m => ShrinkShape(m.Value).Select(t => new PosMat(t)));

    /// <summary>Arbitrary for <see cref="Support.KinkFreeMat"/>.</summary>
    public static Arbitrary<KinkFreeMat> KinkFreeMat() =>
        Arb.From(AnyShape(KinkFreeValue).Select(t => new KinkFreeMat(t)), m => ShrinkShape(m.Value).Select(t => new KinkFreeMat(t)));

    /// <summary>Arbitrary for <see cref="Support.MatMulOperands"/> (no shrinking).</summary>
    public static Arbitrary<MatMulOperands> MatMulOperands() =>
        Arb.From(
            from m in Dim
            from k in Dim
            from n in Dim
            from a in Tensor(m, k, AnyValue)
            from b in Tensor(k, n, AnyValue)
            select new MatMulOperands(a, b));

    /// <summary>Arbitrary for <see cref="Support.BroadcastOperands"/> (no shrinking).</summary>
    public static Arbitrary<BroadcastOperands> BroadcastOperands() =>
        Arb.From(
            from r in Dim
            from c in Dim
            from full in Tensor(r, c, AnyValue)
            from row in Tensor(1, c, AnyValue)
            from col in Tensor(r, 1, AnyValue)
            from one in Tensor(1, 1, AnyValue)
            from posFull in Tensor(r, c, PositiveValue)
            from posRow in Tensor(1, c, PositiveValue)
            from posCol in Tensor(r, 1, PositiveValue)
            from posOne in Tensor(1, 1, PositiveValue)
            select new BroadcastOperands(full, row, col, one, posFull, posRow, posCol, posOne));

    /// <summary>Arbitrary for <see cref="Support.ConcatOperands"/> (no shrinking).</summary>
    public static Arbitrary<ConcatOperands> ConcatOperands() =>
        Arb.From(
            from r in Dim
            from c in Dim
            from r2 in Dim
            from c2 in Dim
            from a in Tensor(r, c, AnyValue)
            from below in Tensor(r2, c, AnyValue)
            from beside in Tensor(r, c2, AnyValue)
            select new ConcatOperands(a, below, beside));

    /// <summary>"[[a, b], [c, d]]" with round-trip precision, for counterexamples.</summary>
    public static string Show(Tensor t) =>
        "[" + string.Join(", ", Enumerable.Range(0, t.Rows).Select(r =>
            "[" + string.Join(", ", Enumerable.Range(0, t.Cols).Select(c => t[r, c].ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";
}
