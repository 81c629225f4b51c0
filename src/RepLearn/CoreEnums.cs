namespace RepLearn;

/// <summary>
/// The facade's enums and the core's: each facade enum has the members of its core twin, by name (their order and values
/// may differ), so one conversion by name serves every pair, and a value that names no member is refused.
/// </summary>
internal static class CoreEnums
{
    public static Functional.Models.Likelihood ToCore(this Likelihood likelihood) => ByName<Likelihood, Functional.Models.Likelihood>(likelihood, nameof(likelihood));

    public static Likelihood ToFacade(this Functional.Models.Likelihood likelihood) => ByName<Functional.Models.Likelihood, Likelihood>(likelihood, nameof(likelihood));

    public static Functional.Nn.Activation ToCore(this Activation activation) => ByName<Activation, Functional.Nn.Activation>(activation, nameof(activation));

    public static Functional.Tensors.DType ToCore(this DType dtype) => ByName<DType, Functional.Tensors.DType>(dtype, nameof(dtype));

    public static DType ToFacade(this Functional.Tensors.DType dtype) => ByName<Functional.Tensors.DType, DType>(dtype, nameof(dtype));

    public static Functional.Export.OnnxElementType ToCore(this OnnxElementType elementType) =>
        ByName<OnnxElementType, Functional.Export.OnnxElementType>(elementType, nameof(elementType));

    /// <summary>The member of <typeparamref name="TTo"/> with <paramref name="value"/>'s name; a value that names no member is refused (<see cref="Check.Defined{TEnum}"/>).</summary>
    private static TTo ByName<TFrom, TTo>(TFrom value, string parameter) where TFrom : struct, Enum where TTo : struct, Enum =>
        Enum.Parse<TTo>(Check.Defined(value, parameter).ToString());
}
