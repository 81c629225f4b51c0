namespace RepLearn.Functional.Tensors;

/// <summary>
/// What a register tile does with one vector width (<typeparamref name="TVector"/> = Vector128, Vector256 or Vector512
/// of <typeparamref name="T"/>), so that each tile is written once for every width. <see cref="GemmVectors{T}"/>
/// implements it for the three widths; every member is inlined.
/// </summary>
/// <typeparam name="T">double or float.</typeparam>
/// <typeparam name="TVector">The vector type.</typeparam>
internal unsafe interface IGemmVector<T, TVector> where T : unmanaged where TVector : struct
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    /// <summary>The <see cref="Count"/> elements at <paramref name="source"/>.</summary>
    static abstract TVector Load(T* source);

    /// <summary><paramref name="value"/> in every element.</summary>
    static abstract TVector Broadcast(T value);

    /// <summary>x * y + acc per element, one rounding (<see cref="GemmFma"/>).</summary>
    static abstract TVector MultiplyAdd(TVector x, TVector y, TVector acc);

    /// <summary>target[0 : Count] += value.</summary>
    static abstract void AddTo(T* target, TVector value);

    /// <summary>target[0 : Count] = value.</summary>
    static abstract void Store(T* target, TVector value);
}
