using MathNet.Numerics.LinearAlgebra;

namespace RepLearn.Functional.Tensors;

public sealed partial class Tensor
{
    /// <summary>A copy as a MathNet dense matrix (for SVD, eigen, Cholesky and the like).</summary>
    [Pure]
    public Matrix<double> ToMatrix() => Matrix<double>.Build.Dense(Rows, Cols, (r, c) => this[r, c]);

    /// <summary>A copy of a MathNet matrix.</summary>
    [Pure]
    public static Tensor FromMatrix(Matrix<double> matrix) =>
        Create(matrix.RowCount, matrix.ColumnCount, (r, c) => matrix[r, c]);
}
