using System.Text;
using RepLearn.Functional.Data;
using RepLearn.Functional.Keys;
using Snapshooter.Xunit;
using Xunit;

namespace RepLearn.Tests.Data;

public class ShapesTests
{
    [Fact]
    public void SameKeyGivesBitIdenticalImagesAndFactors()
    {
        var a = Shapes.Generate(Key.FromSeed(11), 64);
        var b = Shapes.Generate(Key.FromSeed(11), 64);
        Assert.True(a.Images.Span.SequenceEqual(b.Images.Span));
        Assert.Equal(a.Factors.Select(row => row.ToArray()), b.Factors.Select(row => row.ToArray()));
        var c = Shapes.Generate(Key.FromSeed(12), 64);
        Assert.False(a.Images.Span.SequenceEqual(c.Images.Span));
    }

    [Fact]
    public void AShorterSampleIsAPrefixOfALongerOne()
    {
        var small = Shapes.Generate(Key.FromSeed(5), 10);
        var large = Shapes.Generate(Key.FromSeed(5), 100);
        Assert.True(small.Images.Span.SequenceEqual(large.Images.Span[..(10 * Shapes.Pixels)]));
    }

    [Fact]
    public void FactorsAreInRangeAndEveryValueOccurs()
    {
        var data = Shapes.Generate(Key.FromSeed(3), 3000);
        Assert.Equal(3000, data.Count);
        Assert.Equal((3000, Shapes.Pixels), (data.Images.Rows, data.Images.Cols));
        Assert.Equal(["shape", "scale", "orientation", "posX", "posY"], data.FactorNames);
        Assert.Equal([3, 6, 8, 8, 8], data.FactorSizes.ToArray());
        for (var j = 0; j < 5; j++)
        {
            var column = data.Factor(j);
            Assert.All(column, v => Assert.InRange(v, 0, data.FactorSizes[j] - 1));
            Assert.Equal(data.FactorSizes[j], column.Distinct().Count());
        }
        Assert.Equal(data.Factor(0), data.Labels);
        Assert.Equal(data.Labels, Shapes.Label(data));
        var tensor = data.FactorTensor();
        Assert.Equal(data.Factors[17][3], tensor[17, 3]);
    }

    [Fact]
    public void PixelsAreSixteenthsInTheUnitIntervalAndEveryImageHasInk()
    {
        var data = Shapes.Generate(Key.FromSeed(4), 500);
        var bad = 0;
        foreach (var v in data.Images.Span)
            if (!(v >= 0 && v <= 1 && Math.Round(v * 16) == v * 16)) bad++;
        Assert.Equal(0, bad);
        for (var i = 0; i < data.Count; i++)
        {
            var ink = 0.0;
            foreach (var v in data.Images.Row(i)) ink += v;
            Assert.True(ink > 5, $"image {i} has ink {ink}");
        }
    }

    [Fact]
    public void EveryFactorCombinationGivesADistinctImage()
    {
        var all = Shapes.All();
        Assert.Equal(9216, all.Count);
        var seen = new HashSet<string>();
        var chars = new char[Shapes.Pixels];
        for (var i = 0; i < all.Count; i++)
        {
            var row = all.Images.Row(i);
            for (var p = 0; p < chars.Length; p++) chars[p] = (char)(row[p] * 16); // exact: pixels are k / 16
            seen.Add(new string(chars));
        }
        Assert.Equal(all.Count, seen.Count);
        // lexicographic order, posY fastest; Render agrees with the batch
        Assert.Equal([0, 0, 0, 0, 1], Enumerable.Range(0, 5).Select(j => all.Factors[1][j]));
        Assert.Equal([2, 5, 7, 7, 7], Enumerable.Range(0, 5).Select(j => all.Factors[9215][j]));
        Assert.True(Shapes.Render(1, 2, 3, 4, 5).Span.SequenceEqual(all.Images.Row(((((1 * 6) + 2) * 8 + 3) * 8 + 4) * 8 + 5)));
    }

    [Fact]
    public void SymmetricShapesAreCentredOnTheirPosition()
    {
        var data = Shapes.Generate(Key.FromSeed(9), 300);
        for (var i = 0; i < data.Count; i++)
        {
            if (data.Factors[i][0] == 2) continue; // the heart's centroid is below its centre
            double mass = 0, mx = 0, my = 0;
            var image = data.Images.Row(i);
            for (var r = 0; r < Shapes.Side; r++)
                for (var c = 0; c < Shapes.Side; c++)
                {
                    var v = image[r * Shapes.Side + c];
                    mass += v;
                    mx += v * (c + 0.5);
                    my += v * (r + 0.5);
                }
            Assert.Equal(Shapes.PositionValue(data.Factors[i][3]), mx / mass, 0.2);
            Assert.Equal(Shapes.PositionValue(data.Factors[i][4]), my / mass, 0.2);
        }
    }

    [Fact]
    public void LargerScalesHaveMoreInk()
    {
        double Ink(int scale) => Shapes.Render(1, scale, 2, 4, 4).Span.ToArray().Sum();
        for (var s = 1; s < 6; s++) Assert.True(Ink(s) > Ink(s - 1));
    }

    [Fact]
    public void BadFactorsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Shapes.Render(3, 0, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shapes.Render(0, 0, 8, 0, 0));
        Assert.Throws<ArgumentException>(() => Shapes.FromFactors(new int[2, 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shapes.Generate(Key.FromSeed(0), -1));
    }

    [Fact]
    public void GeneratorIsPinnedBySnapshot()
    {
        var data = Shapes.Generate(Key.FromSeed(2024), 2);
        var images = Enumerable.Range(0, 2).Select(i => new
        {
            Factors = Enumerable.Range(0, 5).Select(j => $"{data.FactorNames[j]}={data.Factors[i][j]}").ToArray(),
            Sixteenths = data.Images.Row(i).ToArray().Select(v => (int)(v * 16)).Sum(),
            Ascii = Ascii(data.Images.Row(i)),
        });
        Snapshot.Match(images);
    }

    private static string[] Ascii(ReadOnlySpan<double> image)
    {
        const string ramp = " .:-=+*#%@";
        var lines = new string[Shapes.Side];
        for (var r = 0; r < Shapes.Side; r++)
        {
            var line = new StringBuilder();
            for (var c = 0; c < Shapes.Side; c++) line.Append(ramp[(int)Math.Round(image[r * Shapes.Side + c] * 9)]);
            lines[r] = "|" + line + "|";
        }
        return lines;
    }
}
