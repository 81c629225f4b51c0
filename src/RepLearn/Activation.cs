namespace RepLearn;

/// <summary>The nonlinearity between hidden layers.</summary>
public enum Activation
{
    /// <summary>max(x, 0) (the default).</summary>
    Relu,
    /// <summary>tanh x.</summary>
    Tanh,
    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,
    /// <summary>ln(1 + e^x).</summary>
    Softplus,
    /// <summary>x: a linear network.</summary>
    Identity,
}

internal static class ActivationMapping
{
    public static Functional.Nn.Activation ToCore(this Activation a) => a switch
    {
        Activation.Relu => Functional.Nn.Activation.Relu,
        Activation.Tanh => Functional.Nn.Activation.Tanh,
        Activation.Sigmoid => Functional.Nn.Activation.Sigmoid,
        Activation.Softplus => Functional.Nn.Activation.Softplus,
        Activation.Identity => Functional.Nn.Activation.Identity,
        _ => throw new ArgumentOutOfRangeException("activation", a, $"activation = {(int)a} is not an Activation; use one of {string.Join(", ", Enum.GetNames<Activation>())}"),
    };
}
