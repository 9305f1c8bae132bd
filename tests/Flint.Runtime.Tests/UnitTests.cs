using System.Buffers;
using System.Text.Json;
using Xunit;

namespace Flint.Runtime.Tests;

public sealed class RuntimeApiAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:9001", "127.0.0.1", 9001, "", "127.0.0.1:9001")]
    [InlineData("127.0.0.1:9001/fn/hello", "127.0.0.1", 9001, "/fn/hello", "127.0.0.1:9001")]
    [InlineData("localhost:8080/fn/hello/", "localhost", 8080, "/fn/hello", "localhost:8080")]
    [InlineData("http://127.0.0.1:9001", "127.0.0.1", 9001, "", "127.0.0.1:9001")]
    [InlineData("[::1]:9001/p", "::1", 9001, "/p", "[::1]:9001")]
    public void Host_port_and_optional_prefix_are_parsed(string text, string host, int port, string prefix, string authority)
    {
        var address = RuntimeApiAddress.Parse(text);
        Assert.Equal((host, port, prefix, authority), (address.Host, address.Port, address.PathPrefix, address.Authority));
        Assert.Equal(prefix + "/2018-06-01/runtime/", address.RuntimePath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData(":9001")]
    [InlineData("127.0.0.1:port")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:9001/a b")]
    public void Anything_else_is_refused_with_the_expected_shape(string text)
    {
        var error = Assert.Throws<FormatException>(() => RuntimeApiAddress.Parse(text));
        Assert.Contains("expected host:port", error.Message, StringComparison.Ordinal);
    }
}

public sealed class LambdaErrorJsonTests
{
    [Fact]
    public void Error_body_has_type_message_and_frames()
    {
        var output = new ArrayBufferWriter<byte>();
        LambdaErrorJson.WriteBody(output, new LambdaError("MyError", "bad \"quote\" ünïcode", ["at A.B()", "at C.D()"]));

        using var json = JsonDocument.Parse(output.WrittenMemory);
        Assert.Equal("MyError", json.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("bad \"quote\" ünïcode", json.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(["at A.B()", "at C.D()"], json.RootElement.GetProperty("stackTrace").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Xray_cause_splits_frames_into_label_path_and_line_and_lists_paths_once()
    {
        var output = new ArrayBufferWriter<byte>();
        LambdaErrorJson.WriteXRayCause(output, new LambdaError("Boom", "msg\nline two", [
            "at Shop.Orders.Place(Order order) in /src/Shop/Orders.cs:line 42",
            "at Shop.Orders.Retry() in /src/Shop/Orders.cs:line 7",
            "at System.Threading.ExecutionContext.Run()",
        ]), "/var/task");

        var text = System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.DoesNotContain('\n', text);
        Assert.All(text, c => Assert.InRange(c, ' ', '~'));
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("/var/task", root.GetProperty("working_directory").GetString());
        var exception = Assert.Single(root.GetProperty("exceptions").EnumerateArray());
        Assert.Equal("Boom", exception.GetProperty("type").GetString());
        Assert.Equal("msg\nline two", exception.GetProperty("message").GetString());
        var first = exception.GetProperty("stack")[0];
        Assert.Equal("Shop.Orders.Place(Order order)", first.GetProperty("label").GetString());
        Assert.Equal("/src/Shop/Orders.cs", first.GetProperty("path").GetString());
        Assert.Equal(42, first.GetProperty("line").GetInt32());
        var native = exception.GetProperty("stack")[2];
        Assert.Equal(("System.Threading.ExecutionContext.Run()", "", 0),
            (native.GetProperty("label").GetString(), native.GetProperty("path").GetString(), native.GetProperty("line").GetInt32()));
        Assert.Equal(["/src/Shop/Orders.cs"], root.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void Error_type_header_value_keeps_printable_ascii_only() =>
        Assert.Equal("Bad?Type?", LambdaErrorJson.HeaderSafe("Bad\rType\u00e9"));

    [Fact]
    public void Serialization_exceptions_map_to_their_own_error_type()
    {
        Assert.Equal("Runtime.SerializationError", LambdaError.FromException(new LambdaSerializationException("x")).ErrorType);
        Assert.Equal("ArgumentException", LambdaError.FromException(new ArgumentException("x")).ErrorType);
    }
}

public sealed class LambdaContextTests
{
    [Theory]
    [InlineData(10_000, 9_500)]
    [InlineData(3_000, 2_700)]
    [InlineData(1_000, 900)]
    [InlineData(0, 0)]
    public void Token_fires_before_the_deadline_by_the_smaller_of_half_a_second_and_a_tenth(int remainingMs, int delayMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(delayMs), LambdaContext.CancellationDelay(TimeSpan.FromMilliseconds(remainingMs)));

    [Fact]
    public void Remaining_time_is_never_negative()
    {
        Assert.Equal(TimeSpan.Zero, LambdaContext.RemainingAt(deadlineMs: 1_000, nowMs: 5_000));
        Assert.Equal(TimeSpan.FromMilliseconds(250), LambdaContext.RemainingAt(deadlineMs: 1_250, nowMs: 1_000));
    }
}

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Writes_grow_the_buffer_and_reset_keeps_nothing_of_the_old_content()
    {
        using var writer = new PooledBufferWriter(4);
        var data = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        writer.Write(data);
        Assert.Equal(data, writer.WrittenSpan.ToArray());
        writer.Reset();
        writer.Write("ab"u8);
        Assert.Equal("ab"u8.ToArray(), writer.WrittenMemory.ToArray());
    }
}

public sealed class LambdaJsonTests
{
    [Fact]
    public void Results_are_written_with_the_contexts_own_options_indentation_and_encoder()
    {
        var relaxed = new IndentedJsonContext(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 1,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        var plain = new System.Buffers.ArrayBufferWriter<byte>();
        var indented = new System.Buffers.ArrayBufferWriter<byte>();
        var unescaped = new System.Buffers.ArrayBufferWriter<byte>();

        LambdaJson.Serialize(plain, new Order("a+é", 2), TestJsonContext.Default.Order);
        LambdaJson.Serialize(indented, new Order("a", 2), IndentedJsonContext.Default.Order);
        LambdaJson.Serialize(unescaped, new Order("a+é", 2), relaxed.Order);

        Assert.Equal("{\"Id\":\"a\\u002B\\u00E9\",\"Quantity\":2}", System.Text.Encoding.UTF8.GetString(plain.WrittenSpan));
        Assert.Equal("{\n \"Id\": \"a\",\n \"Quantity\": 2\n}", System.Text.Encoding.UTF8.GetString(indented.WrittenSpan).ReplaceLineEndings("\n"));
        Assert.Equal("{\n \"Id\": \"a+é\",\n \"Quantity\": 2\n}", System.Text.Encoding.UTF8.GetString(unescaped.WrittenSpan).ReplaceLineEndings("\n"));
    }
}
