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
        var l = logits.SpanOf<T>();
        var t = targets.SpanOf<T>();
        var terms = Tensor.NewUninitialized<T>(1, cols);
        var sums = Tensor.NewUninitialized<T>(rows, 1);
        for (var r = 0; r < rows; r++)
        {
            BernoulliKernels.Loss(l.Slice(r * cols, cols), t.Slice(r * cols, cols), terms);
            sums[r] = Kernels.Sum<T>(terms);
        }
        return Record(Tensor.Wrap(rows, 1, sums), [tracked], ct =>
        {
            var c = ct.SpanOf<T>();
            var sl = logits.SpanOf<T>();
            var st = targets.SpanOf<T>();
            var back = Tensor.NewUninitialized<T>(rows, cols);
            for (var r = 0; r < rows; r++)
                BernoulliKernels.Pullback(c[r], sl.Slice(r * cols, cols), st.Slice(r * cols, cols), back.AsSpan(r * cols, cols));
            return [Tensor.Wrap(rows, cols, back)];
        });
    }
}
