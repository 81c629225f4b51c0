namespace RepLearn.Cli;

/// <summary>
/// replearn export CHECKPOINT --onnx FILE [--part encoder|decoder] [--dtype float32|float64] [--force]: writes the
/// checkpoint's encoder (x -> representation) or decoder (z -> reconstruction mean) as an ONNX model (IR 8, opset 17,
/// batch dimension "N") that onnxruntime and other ONNX consumers run. The output is checked before the checkpoint is
/// read (<see cref="OutputPaths"/>) and written atomically.
/// </summary>
internal static class ExportCommand
{
    public static readonly string[] Parts = ["encoder", "decoder"];
    public static readonly string[] ElementTypes = ["float32", "float64"];

    public static Command Create()
    {
        var model = new Argument<string>("checkpoint") { Description = "a checkpoint written by replearn train" };
        var onnx = new Option<string>("--onnx") { Description = "the ONNX file to write (e.g. encoder.onnx)", Required = true };
        var part = Choice("--part", "encoder (x -> representation, default) | decoder (z -> reconstruction mean; not for contrastive)", Parts);
        var dtype = Choice("--dtype", "float32 (default: what ONNX consumers expect) | float64 (the library's own precision)", ElementTypes);
        var force = new Option<bool>("--force") { Description = "overwrite an existing --onnx file" };
        var command = new Command("export", "export a checkpoint's encoder or decoder as an ONNX model") { model, onnx, part, dtype, force };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            if (!File.Exists(path)) throw new UsageException($"checkpoint {path}: no such file");
            var output = parse.GetValue(onnx)!;
            OutputPaths.Check(output, "--onnx", parse.GetValue(force), [("the checkpoint", path)]);
            var which = parse.GetValue(part) == "decoder" ? OnnxPart.Decoder : OnnxPart.Encoder;
            var type = parse.GetValue(dtype) == "float64" ? OnnxElementType.Float64 : OnnxElementType.Float32;
            var m = Models.Load(path);
            foreach (var note in Models.LoadNotes(path)) Console.Error.WriteLine($"note: {note}");
            try
            {
                m.ExportOnnx(output, which, type, overwrite: parse.GetValue(force));
            }
            catch (ArgumentException e) when (e.ParamName == "part") // the kind's table entry has no such graph
            {
                throw new UsageException($"--part decoder: a {m.Kind} model has no decoder; use --part encoder");
            }
            var (input, outputWidth) = which == OnnxPart.Encoder ? ($"x [N, {m.InputDim}]", $"representation [N, {m.RepresentationDim}]")
                : ($"z [N, {m.RepresentationDim}]", $"reconstruction [N, {m.InputDim}]");
            Console.WriteLine($"wrote {output}: {m.Kind} {parse.GetValue(part)}, {parse.GetValue(dtype)}, {input} -> {outputWidth}");
            return 0;
        });
        return command;
    }

    /// <summary>A string option restricted to <paramref name="values"/>, whose error names the flag, the value and the choices.</summary>
    private static Option<string> Choice(string name, string description, string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => values[0] };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!values.Contains(value, StringComparer.Ordinal))
                result.AddError($"{name} takes {string.Join(" or ", values)}, got '{value}'");
        });
        return option;
    }
}
