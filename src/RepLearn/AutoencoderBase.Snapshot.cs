namespace RepLearn;

public abstract partial class AutoencoderBase
{
    /// <summary>A copy of this model (same kind) over <paramref name="model"/>: the read-only snapshot the epoch hooks see.</summary>
    private IRepresentationModel Snapshot(ModelEngine<AutoencoderConfig, AutoencoderParams> model)
    {
        var copy = (AutoencoderBase)MemberwiseClone();
        copy.Model = model;
        return copy;
    }
}
