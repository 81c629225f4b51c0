using FsCheck.Xunit;
using RepLearn.Functional.Autodiff;
using RepLearn.Properties.Support;

namespace RepLearn.Properties.Primitives;

/// <summary>Reshape, Concat, Slice, PickPerRow, RepeatRows and TileRows: pullbacks that move cotangents around.</summary>
public abstract partial class PrimitiveCases
{
    [Property] public void ReshapeToTransposedShape(Mat x) => Unary(t => Ops.Reshape(t, t.Cols, t.Rows), x.Value);
    [Property] public void ReshapeToRowVector(Mat x) => Unary(t => Ops.Reshape(t, 1, t.Length), x.Value);
    [Property] public void ConcatRows(ConcatOperands o) => Binary(Ops.ConcatRows, o.A, o.Below);
    [Property] public void ConcatCols(ConcatOperands o) => Binary(Ops.ConcatCols, o.A, o.Beside);

    /// <summary>The last ceil(rows / 2) rows: a slice that starts inside the tensor.</summary>
    [Property] public void SliceRows(Mat x) => Unary(t => Ops.SliceRows(t, t.Rows / 2, t.Rows - t.Rows / 2), x.Value);

    /// <summary>The middle columns: column 1 onwards, leaving out the last when there are three or more.</summary>
    [Property]
    public void SliceCols(Mat x) =>
        Unary(t => t.Cols == 1 ? Ops.SliceCols(t, 0, 1) : Ops.SliceCols(t, 1, Math.Max(1, t.Cols - 2)), x.Value);

    [Property]
    public void PickPerRow(Mat x) =>
        Unary(t => Ops.PickPerRow(t, [.. Enumerable.Range(0, t.Rows).Select(r => (3 * r + 1) % t.Cols)]), x.Value);

    [Property] public void RepeatRows(Mat x) => Unary(t => Ops.RepeatRows(t, 3), x.Value);
    [Property] public void TileRows(Mat x) => Unary(t => Ops.TileRows(t, 3), x.Value);
}
