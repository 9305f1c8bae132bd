using System.Text;
using Flint.Runtime;

namespace Flint.Generators.Tests;

/// <summary>Every supported form compiles without a warning and dispatches to its method, in-process.</summary>
public sealed class DispatchTests
{
    internal const string Models = """
        namespace App;

        public sealed record Order(string Id, int Quantity);

        public sealed record Receipt(string Id, int Total);

        [JsonSerializable(typeof(Order))]
        [JsonSerializable(typeof(Receipt))]
        internal sealed partial class AppJson : JsonSerializerContext;

        """;

    private static LambdaHandlerTable Compile(string handlers)
    {
        var run = GeneratorHarness.Run(Models + handlers);
        Assert.Empty(run.Problems);
        return run.LoadTable();
    }

    [Theory]
    [InlineData("public static Receipt H(Order o) => new(o.Id, o.Quantity * 2);")]
    [InlineData("public static Receipt H(Order o, ILambdaContext c) => new(o.Id + c.AwsRequestId, o.Quantity * 2);")]
    [InlineData("public static Receipt H(Order o, CancellationToken t) => new(o.Id + (t.CanBeCanceled ? \"req-1\" : \"\"), o.Quantity * 2);")]
    [InlineData("public static Receipt H(Order o, ILambdaContext c, CancellationToken t) => new(o.Id + c.AwsRequestId, t.CanBeCanceled ? o.Quantity * 2 : 0);")]
    [InlineData("public static async Task<Receipt> H(Order o) { await Task.Yield(); return new(o.Id, o.Quantity * 2); }")]
    [InlineData("public static ValueTask<Receipt> H(Order o, ILambdaContext c) => new(new Receipt(o.Id + c.AwsRequestId, o.Quantity * 2));")]
    // ValueTasks backed by a pooled IValueTaskSource, still running when returned: their result may only be read once complete.
    [InlineData("public static ValueTask<Receipt> H(Order o) { var c = System.Threading.Channels.Channel.CreateUnbounded<Receipt>(); _ = Task.Run(async () => { await Task.Delay(30); c.Writer.TryWrite(new(o.Id, o.Quantity * 2)); }); return c.Reader.ReadAsync(); }")]
    [InlineData("[System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))] public static async ValueTask<Receipt> H(Order o) { await Task.Delay(30); return new(o.Id, o.Quantity * 2); }")]
    [InlineData("internal static Receipt H(Order o) => new(o.Id, o.Quantity * 2);")]
    [InlineData("public static Receipt? H(Order? o) => o is null ? null : new(o.Id, o.Quantity * 2);")]
    public void Json_handler_forms_answer_the_serialized_result(string method)
    {
        var table = Compile($$"""
            public static partial class Functions
            {
                [LambdaHandler("order")]
                {{method}}
            }
            """);

        var response = table.Invoke("order", """{"Id":"a","Quantity":21}""");

        var expectedId = method.Contains("AwsRequestId") || method.Contains("CanBeCanceled ? \"req-1\"") ? "areq-1" : "a";
        Assert.Equal($$"""{"Id":"{{expectedId}}","Total":42}""", response);
    }

    [Theory]
    [InlineData("public static void H(Order o) => Seen.Add(o.Id);")]
    [InlineData("public static Task H(Order o, ILambdaContext c) { Seen.Add(o.Id); return Task.CompletedTask; }")]
    [InlineData("public static async ValueTask H(Order o, CancellationToken t) { await Task.Yield(); Seen.Add(o.Id); }")]
    [InlineData("[System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))] public static async ValueTask H(Order o) { await Task.Delay(30); Seen.Add(o.Id); }")]
    public void Handlers_without_a_result_run_and_answer_json_null(string method)
    {
        var table = Compile($$"""
            public static partial class Functions
            {
                public static readonly System.Collections.Concurrent.ConcurrentBag<string> Seen = new();

                [LambdaHandler("record")]
                {{method}}
            }
            """);

        var response = table.Invoke("record", """{"Id":"x1","Quantity":1}""");

        Assert.Equal("null", response);
        var seen = table.GetType().Assembly.GetType("App.Functions")!.GetField("Seen")!.GetValue(null)!;
        Assert.Equal(["x1"], (IEnumerable<string>)seen);
    }

    [Theory]
    [InlineData("public static Stream H(Stream s) { var m = new MemoryStream(); s.CopyTo(m); var b = m.ToArray(); Array.Reverse(b); return new MemoryStream(b); }")]
    [InlineData("public static byte[] H(byte[] b) { Array.Reverse(b); return b; }")]
    [InlineData("public static ReadOnlyMemory<byte> H(ReadOnlyMemory<byte> m) { var b = m.ToArray(); Array.Reverse(b); return b; }")]
    [InlineData("public static async Task<MemoryStream> H(ReadOnlyMemory<byte> m, ILambdaContext c) { await Task.Yield(); var b = m.ToArray(); Array.Reverse(b); return new MemoryStream(b); }")]
    public void Raw_handlers_see_the_event_bytes_and_answer_their_own(string method)
    {
        var table = Compile($$"""
            public static partial class Functions
            {
                [LambdaHandler("raw")]
                {{method}}
            }
            """);

        var response = table.InvokeBytes("raw", "not json {"u8.ToArray());

        Assert.Equal("{ nosj ton", Encoding.UTF8.GetString(response));
    }

    [Fact]
    public void Raw_event_can_answer_json_and_json_event_can_answer_raw()
    {
        var table = Compile("""
            public static partial class Functions
            {
                [LambdaHandler("count")]
                public static Receipt Count(byte[] body) => new("bytes", body.Length);

                [LambdaHandler("id")]
                public static byte[] Id(Order order) => System.Text.Encoding.UTF8.GetBytes(order.Id);
            }
            """);

        Assert.Equal("""{"Id":"bytes","Total":3}""", table.Invoke("count", "abc"));
        Assert.Equal("o-7", table.Invoke("id", """{"Id":"o-7","Quantity":1}"""));
    }

    [Fact]
    public void Instance_handler_keeps_one_instance_for_the_life_of_the_created_handler()
    {
        var table = Compile("""
            public sealed partial class Counter
            {
                private int calls;

                [LambdaHandler("next")]
                public Receipt Next(Order order) => new(order.Id, ++calls);
            }
            """);
        var handler = table.Create(Init.For("next"))!;
        var context = new TestContext();

        string Call()
        {
            var response = new System.Buffers.ArrayBufferWriter<byte>();
            handler.Invoke(Encoding.UTF8.GetBytes("""{"Id":"n","Quantity":0}"""), context, response);
            return Encoding.UTF8.GetString(response.WrittenSpan);
        }

        Assert.Equal("""{"Id":"n","Total":1}""", Call());
        Assert.Equal("""{"Id":"n","Total":2}""", Call());
    }

    [Fact]
    public void Lambda_init_methods_run_in_source_order_before_the_handler_is_created()
    {
        var table = Compile("""
            public static partial class Functions
            {
                public static string Trace = "";

                [LambdaInit]
                public static void First() => Trace += "first;";

                [LambdaInit]
                internal static async Task Second() { await Task.Yield(); Trace += "second;"; }

                [LambdaInit]
                internal static ValueTask Third(LambdaInitContext init) { Trace += "third:" + init.HandlerName + ";"; return default; }

                [LambdaHandler("trace")]
                public static Receipt Read(Order order) => new(Trace, 0);
            }
            """);

        Assert.Equal("""{"Id":"first;second;third:trace;","Total":0}""", table.Invoke("trace", """{"Id":"","Quantity":0}"""));
    }

    [Fact]
    public void Factory_builds_only_the_chosen_handlers_type_and_its_handlers_run_on_that_instance()
    {
        const string source = """
            public static class Built
            {
                public static string Types = "";
            }

            public sealed partial class Reports(string bucket)
            {
                [LambdaInit]
                public static async Task<Reports> CreateAsync(LambdaInitContext init)
                {
                    await Task.Yield();
                    Built.Types += "reports;";
                    return new(init.GetEnvironmentVariable("BUCKET") + "/" + init.HandlerName);
                }

                [LambdaHandler("report")]
                public Receipt Report(Order order) => new(bucket + ":" + Built.Types, 0);
            }

            public sealed partial class Api(int limit)
            {
                [LambdaInit]
                public static ValueTask<Api> Create() { Built.Types += "api;"; return new(new Api(7)); }

                [LambdaHandler("api")]
                public Receipt Call(Order order) => new(Built.Types, limit);
            }
            """;
        var report = Compile(source).Create(Init.For("report", ("BUCKET", "logs")))!;
        Assert.Equal("""{"Id":"logs/report:reports;","Total":0}""", Invoke(report, """{"Id":"","Quantity":0}"""));

        var api = Compile(source).Create(Init.For("api"))!; // a fresh assembly: Built.Types starts empty
        Assert.Equal("""{"Id":"api;","Total":7}""", Invoke(api, """{"Id":"","Quantity":0}"""));
    }

    private static string Invoke(ILambdaHandler handler, string payload)
    {
        var response = new System.Buffers.ArrayBufferWriter<byte>();
        handler.Invoke(Encoding.UTF8.GetBytes(payload), new TestContext(), response);
        return Encoding.UTF8.GetString(response.WrittenSpan);
    }

    [Fact]
    public void Malformed_event_is_a_serialization_error_naming_the_type_and_the_method_is_not_called()
    {
        var table = Compile("""
            public static partial class Functions
            {
                public static int Calls;

                [LambdaHandler("order")]
                public static Receipt H(Order o) => new(o.Id, ++Calls);

                [LambdaHandler("calls")]
                public static Receipt Count(Order o) => new("calls", Calls);
            }
            """);

        var error = Assert.Throws<LambdaSerializationException>(() => table.Invoke("order", "{not json"));
        Assert.Contains("Order", error.Message, StringComparison.Ordinal);
        Assert.Equal("""{"Id":"calls","Total":0}""", table.Invoke("calls", """{"Id":"","Quantity":0}"""));
    }

    [Fact]
    public void Handler_exceptions_propagate_unchanged_for_the_runtime_to_report()
    {
        var table = Compile("""
            public static partial class Functions
            {
                [LambdaHandler("fail")]
                public static async Task<Receipt> Fail(Order o) { await Task.Yield(); throw new InvalidOperationException("boom " + o.Id); }
            }
            """);

        var error = Assert.Throws<InvalidOperationException>(() => table.Invoke("fail", """{"Id":"7","Quantity":0}"""));
        Assert.Equal("boom 7", error.Message);
    }
}
