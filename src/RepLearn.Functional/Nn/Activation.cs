namespace RepLearn.Functional.Nn;

/// <summary>Element-wise nonlinearities between layers.</summary>
public enum Activation
{
    /// <summary>h(x) = x.</summary>
    Identity,
    /// <summary>h(x) = max(x, 0).</summary>
    Relu,
    /// <summary>h(x) = tanh x.</summary>
    Tanh,
    /// <summary>h(x) = 1 / (1 + e^-x).</summary>
    Sigmoid,
    /// <summary>h(x) = ln(1 + e^x).</summary>
    Softplus,
}

/// <summary>Applies an <see cref="Activation"/>.</summary>
public static class Activations
{
    /// <summary>h(x) for the chosen activation.</summary>
    public static Tensor Apply(this Activation activation, Tensor x) => activation switch
    {
        Activation.Identity => x,
        Activation.Relu => Ops.Relu(x),
        Activation.Tanh => Ops.Tanh(x),
        Activation.Sigmoid => Ops.Sigmoid(x),
        Activation.Softplus => Ops.Softplus(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
