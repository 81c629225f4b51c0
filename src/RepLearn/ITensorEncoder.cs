namespace RepLearn;

/// <summary>A facade model that encodes a tensor it is given directly, for input that needs no row arrays.</summary>
internal interface ITensorEncoder
{
    /// <summary>Input width n.</summary>
    int InputWidth { get; }

    /// <summary>True when the model's likelihood needs data in [0, 1].</summary>
    bool NeedsUnitInterval { get; }

    /// <summary>The representation of each row of <paramref name="x"/> (n columns, checked by the caller), in chunks.</summary>
    double[][] EncodeTensor(Tensor x);
}
