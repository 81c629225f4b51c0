namespace RepLearn.Functional.Tensors;

/// <summary>
/// Buffers reused across training steps, so a steady-state step allocates no tensor memory (PyTorch's caching
/// allocator, without reference counts). While a scope is open on a thread (<see cref="Enter"/>), every tensor buffer
/// that thread allocates is rented from the arena; when the scope closes, every rented buffer goes back for the next
/// step and every tensor created in the scope over a rented or <see cref="Own">owned</see> buffer is
/// <em>released</em>: reading it afterwards throws, naming the cause, instead of showing another step's values. So
/// tensors stay immutable for as long as they can be read, and a step's values cannot leak into the next one
/// (JAX raises the same kind of error for a tracer that leaks out of a traced function).
/// </summary>
/// <remarks>
/// One arena belongs to one training loop on one thread; scopes nest (an inner scope's tensors are released at its own
/// end, an outer one's at the outer end). Tensors created on other threads are ordinary garbage-collected tensors.
/// </remarks>
internal sealed class StepArena
{
    [ThreadStatic] private static StepArena? current;

    private readonly Dictionary<(Type Element, int Length), Stack<Array>> free = [];
    private readonly HashSet<Array> rented = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Array> owned = new(ReferenceEqualityComparer.Instance);
    private readonly List<Tensor> issued = [];
    private readonly HashSet<Array> kept = new(ReferenceEqualityComparer.Instance);

    /// <summary>The arena whose scope is open on this thread, or null.</summary>
    internal static StepArena? Current => current;

    /// <summary>
    /// Marks a buffer the caller owns and updates in place between scopes (a training loop's parameters): tensors
    /// created over it inside a scope are released with the scope's own, so none of them outlives the values it showed.
    /// </summary>
    public void Own(Array buffer) => owned.Add(buffer);

    /// <summary>Opens a scope on this thread; disposing it releases what the scope created.</summary>
    public Scope Enter()
    {
        var previous = current;
        current = this;
        return new Scope(this, previous);
    }

    /// <summary>
    /// Lets the tensors of <paramref name="tree"/> outlive the scope (a generic optimizer's new parameters and state):
    /// their buffers leave the arena for good and become ordinary garbage-collected memory.
    /// </summary>
    public void Keep<T>(T tree) where T : ITree<T>
    {
        foreach (var (_, leaf) in Tree.Leaves(tree))
            if (leaf.Data is { } data && rented.Remove(data)) kept.Add(data);
    }

    /// <summary>A buffer of <paramref name="length"/> from the free list, or a new one; cleared when asked.</summary>
    internal T[] Rent<T>(int length, bool clear) where T : unmanaged
    {
        T[] buffer;
        if (free.TryGetValue((typeof(T), length), out var stack) && stack.Count > 0)
        {
            buffer = (T[])stack.Pop();
            if (clear) Array.Clear(buffer);
        }
        else buffer = clear ? new T[length] : GC.AllocateUninitializedArray<T>(length);
        rented.Add(buffer);
        return buffer;
    }

    /// <summary>Records a tensor created in the scope, if it shows a rented or owned buffer.</summary>
    internal void Track(Tensor tensor, Array data)
    {
        if (rented.Contains(data) || owned.Contains(data)) issued.Add(tensor);
    }

    private void Release()
    {
        foreach (var tensor in issued)
            if (tensor.Data is not { } data || !kept.Contains(data)) tensor.Release();
        issued.Clear();
        kept.Clear();
        foreach (var buffer in rented)
        {
            var key = (buffer.GetType().GetElementType()!, buffer.Length);
            if (!free.TryGetValue(key, out var stack)) free[key] = stack = new Stack<Array>();
            stack.Push(buffer);
        }
        rented.Clear();
    }

    /// <summary>An open scope: <see cref="Dispose"/> releases its tensors and returns its buffers.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly StepArena arena;
        private readonly StepArena? previous;

        internal Scope(StepArena arena, StepArena? previous) => (this.arena, this.previous) = (arena, previous);

        /// <inheritdoc />
        public void Dispose()
        {
            if (arena is null) return;
            arena.Release();
            current = previous;
        }
    }
}
