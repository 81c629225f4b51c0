namespace RepLearn.Functional.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The whole of x (r x c) stacked <paramref name="times"/> times, block after block: row t r + i is row i
    /// (numpy's tile(x, (times, 1)); <see cref="RepeatRows"/> instead repeats each row in place). A composition of
    /// Reshape and BroadcastTo, so its pullback sums the blocks. Result (times r) x c.
    /// </summary>
    public static Tensor TileRows(Tensor x, int times)
    {
        if (times < 1) throw new ArgumentOutOfRangeException(nameof(times), times, "times must be >= 1");
        return times == 1 ? x : Reshape(BroadcastTo(Reshape(x, 1, x.Length), times, x.Length), times * x.Rows, x.Cols);
    }
}
