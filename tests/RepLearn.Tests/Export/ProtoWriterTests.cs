using RepLearn.Functional.Export;
using Xunit;

namespace RepLearn.Tests.Export;

/// <summary>The protobuf encodings against the examples of the protobuf encoding guide.</summary>
public sealed class ProtoWriterTests
{
    [Theory]
    [InlineData(0L, new byte[] { 0x08, 0x00 })]
    [InlineData(1L, new byte[] { 0x08, 0x01 })]
    [InlineData(150L, new byte[] { 0x08, 0x96, 0x01 })]          // the guide's "Test1" message
    [InlineData(300L, new byte[] { 0x08, 0xAC, 0x02 })]
    [InlineData(-1L, new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // int64 -1: ten bytes
    public void Varint_fields(long value, byte[] expected) => Assert.Equal(expected, new ProtoWriter().Varint(1, value).ToArray());

    [Fact]
    public void String_field_is_length_delimited() =>
        Assert.Equal(new byte[] { 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67 }, new ProtoWriter().String(2, "testing").ToArray());

    [Fact]
    public void Nested_message_is_prefixed_with_its_length() =>
        Assert.Equal(new byte[] { 0x1a, 0x03, 0x08, 0x96, 0x01 }, new ProtoWriter().Message(3, m => m.Varint(1, 150)).ToArray());

    [Fact]
    public void Large_field_numbers_take_a_multi_byte_key() =>
        Assert.Equal(new byte[] { 0xA0, 0x01, 0x02 }, new ProtoWriter().Varint(20, 2).ToArray()); // AttributeProto.type = INT

    [Fact]
    public void Float32_and_float64_payloads_are_little_endian()
    {
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F }, ProtoWriter.LittleEndian([1.0], asFloat32: true));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xF0, 0x3F }, ProtoWriter.LittleEndian([1.0], asFloat32: false));
    }
}
