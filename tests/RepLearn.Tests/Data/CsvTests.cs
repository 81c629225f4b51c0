using RepLearn.Functional.Data;
using RepLearn.Tests.Support;
using Xunit;

namespace RepLearn.Tests.Data;

public sealed class CsvTests
{
    private static InvalidDataException Fails(string text, CsvOptions? options = null)
    {
        var e = Assert.Throws<InvalidDataException>(() => Csv.ParseText(text, "data.csv", options));
        Assert.StartsWith("data.csv: ", e.Message);
        return e;
    }

    [Fact]
    public void Numbers_without_header_parse_in_the_invariant_culture()
    {
        var data = Csv.ParseText("1.5,-2e-3,3\n4, 5 ,+6.25\n", "d");
        Assert.Equal((2, 3), (data.Features.Rows, data.Features.Cols));
        Assert.Equal([1.5, -0.002, 3, 4, 5, 6.25], data.Features.ToArray());
        Assert.Null(data.Labels);
        Assert.Null(data.FeatureNames);
    }

    [Fact]
    public void A_non_numeric_first_row_is_a_header_and_the_label_column_is_found_by_name()
    {
        var data = Csv.ParseText("x,label,\"y\"\r\n0.5,3,1\r\n\r\n-1,0,2\r\n", "d", new CsvOptions { LabelColumn = "label" });
        Assert.Equal(["x", "y"], data.FeatureNames);
        Assert.Equal([3, 0], data.Labels!.Value.ToArray());
        Assert.Equal([0.5, 1, -1, 2], data.Features.ToArray());
    }

    [Fact]
    public void Label_column_by_index_and_explicit_header_flag()
    {
        var data = Csv.ParseText("0,1,2\n7,0.25,0.75\n", "d", new CsvOptions { HasHeader = true, LabelIndex = 0 });
        Assert.Equal(["1", "2"], data.FeatureNames);
        Assert.Equal([7], data.Labels!.Value.ToArray());
        Assert.Equal([0.25, 0.75], data.Features.ToArray());
    }

    [Fact]
    public void Other_separators_and_a_byte_order_mark()
    {
        var data = Csv.ParseText("\uFEFF1;2\n3;4", "d", new CsvOptions { Separator = ';' });
        Assert.Equal([1.0, 2, 3, 4], data.Features.ToArray());
        Assert.Contains("line 1, column 1: non-numeric field '1,5'", Fails("1,5;2", new CsvOptions { Separator = ';' }).Message);
    }

    [Fact]
    public void Load_reads_a_file()
    {
        using var temp = new TempFolder();
        var path = temp.Write("d.csv", "\uFEFFa,b\n1,2\n"u8.ToArray());
        Assert.Equal([1.0, 2], Csv.Load(path).Features.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => Csv.Load(temp.Write("bad.csv", "a,b\n1,x\n"u8.ToArray())));
        Assert.StartsWith(temp.File("bad.csv") + ": line 2, column 2", e.Message);
    }

    [Fact]
    public void Ragged_rows_give_line_and_column()
    {
        Assert.EndsWith("line 3, column 3: ragged row: 2 fields, expected 3 (as on line 1)", Fails("1,2,3\n4,5,6\n7,8\n").Message);
        Assert.EndsWith("line 2, column 3: ragged row: 4 fields, expected 2 (as on line 1)", Fails("1,2\n3,4,5,6\n").Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void Empty_files_are_errors(string text) =>
        Assert.EndsWith("empty file: no data rows", Fails(text).Message);

    [Fact]
    public void A_header_without_rows_is_empty() =>
        Assert.EndsWith("empty file: no data rows after the header on line 1", Fails("a,b\n").Message);

    [Fact]
    public void Non_numeric_fields_give_line_and_column()
    {
        Assert.EndsWith("line 4, column 2: non-numeric field 'abc'", Fails("1,2\n\n3,4\n5,abc\n").Message);
        Assert.EndsWith("line 2, column 1: non-numeric field ''", Fails("1,2\n,4\n").Message);
        Assert.EndsWith("line 2, column 2: non-numeric field '1,000'", Fails("1;2\n3;1,000\n", new CsvOptions { Separator = ';' }).Message);
    }

    [Fact]
    public void A_first_row_mixing_names_and_numbers_is_an_error_with_a_hint()
    {
        var e = Fails("label,1,2\n3,4,5\n");
        Assert.Contains("line 1, column 1: non-numeric field 'label' (if this line is a header, set CsvOptions.HasHeader = true)", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public void Non_finite_values_are_errors(string value) =>
        Assert.Contains($"line 2, column 2: non-finite value '{value}'", Fails($"1,2\n3,{value}\n").Message);

    [Theory]
    [InlineData("2.5")]
    [InlineData("-1")]
    [InlineData("1e10")]
    public void Labels_must_be_non_negative_integers(string label) =>
        Assert.Contains($"line 2, column 1: invalid label '{label}'", Fails($"y,x\n{label},1\n", new CsvOptions { LabelColumn = "y" }).Message);

    [Fact]
    public void Label_column_errors()
    {
        Assert.Contains("label column 'label' not found in the header (a, b)", Fails("a,b\n1,2\n", new CsvOptions { LabelColumn = "label" }).Message);
        Assert.Contains("label column 'y' is given by name but the file has no header row", Fails("1,2\n", new CsvOptions { LabelColumn = "y" }).Message);
        Assert.Contains("label column index 2 is out of range: rows have 2 fields", Fails("1,2\n", new CsvOptions { LabelIndex = 2 }).Message);
        Assert.Contains("label column 'a' appears 2 times", Fails("a,a\n1,2\n", new CsvOptions { LabelColumn = "a" }).Message);
        Assert.Throws<ArgumentException>(() => Csv.ParseText("1\n", "d", new CsvOptions { LabelColumn = "a", LabelIndex = 0 }));
        Assert.Throws<ArgumentException>(() => Csv.ParseText("1\n", "d", new CsvOptions { LabelIndex = -1 }));
    }
}
