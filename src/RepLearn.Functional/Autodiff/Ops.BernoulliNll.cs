using System.Buffers;
using System.Numerics;
namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Row sums of the Bernoulli negative log-likelihood from logits against constant targets,
    /// sum_j [t_j softplus(-l_j) + (1 - t_j) softplus(l_j)] (Rows x 1), as one primitive: the same bits as composing it
    /// from Neg, Softplus, Mul, Add and Sum (a test compares them), in two passes over memory instead of fifteen
    /// (<see cref="BernoulliKernels"/>). Pullback: ct_r [(1 - t) sigmoid(l) - t sigmoid(-l)] = ct_r (sigmoid(l) - t).
    /// </summary>
    internal static Tensor BernoulliNllRows(Tensor logits, Tensor targets)
    {
        DTypes.RequireSame(logits, targets, "BernoulliNll");
        if (targets.RequiresGrad) throw new ArgumentException("the fused Bernoulli NLL takes constant targets", nameof(targets));
        var cl = logits.Detach();
        return logits.DType == DType.Float32 ? BernoulliNllRows<float>(cl, targets, logits) : BernoulliNllRows<double>(cl, targets, logits);
    }

    private static Tensor BernoulliNllRows<T>(Tensor logits, Tensor targets, Tensor tracked) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (rows, cols) = (logits.Rows, logits.Cols);
        var (l, t) = (logits.BufferOf<T>(), targets.BufferOf<T>());
        var sums = Tensor.NewUninitialized<T>(rows, 1);
        // Rows split across threads (each row's terms and sum are computed alike wherever it falls).
        ParallelChunks.For(rows, (first, count) =>
        {
            var terms = ArrayPool<T>.Shared.Rent(cols);
            for (var r = first; r < first + count; r++)
            {
                BernoulliKernels.Loss(l.AsSpan(r * cols, cols), t.AsSpan(r * cols, cols), terms.AsSpan(0, cols));
                sums[r] = Kernels.Sum<T>(terms.AsSpan(0, cols));
            }
            ArrayPool<T>.Shared.Return(terms);
        }, RowGrain(cols));
        return Record(Tensor.Wrap(rows, 1, sums), [tracked], ct =>
        {
            var c = ct.BufferOf<T>();
            var back = Tensor.NewUninitialized<T>(rows, cols);
            ParallelChunks.For(rows, (first, count) =>
            {
                for (var r = first; r < first + count; r++)
                    BernoulliKernels.Pullback(c[r], l.AsSpan(r * cols, cols), t.AsSpan(r * cols, cols), back.AsSpan(r * cols, cols));
            }, RowGrain(cols));
            return [Tensor.Wrap(rows, cols, back)];
        });
    }

    /// <summary>The fewest rows per thread: about <see cref="ParallelChunks.MinPerThread"/> elements.</summary>
    private static int RowGrain(int cols) => Math.Max(1, ParallelChunks.MinPerThread / Math.Max(1, cols));
}
