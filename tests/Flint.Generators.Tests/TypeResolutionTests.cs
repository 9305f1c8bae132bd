namespace Flint.Generators.Tests;

/// <summary>Event and result types of every spelling reach their metadata in the user's context.</summary>
public sealed class TypeResolutionTests
{
    [Theory]
    [InlineData("List<Item>", "[{\"N\":1},{\"N\":2}]", "List<Item> x", "x.Count", "2")]
    [InlineData("Item[]", "[{\"N\":1},{\"N\":2},{\"N\":3}]", "Item[] x", "x.Length", "3")]
    [InlineData("Dictionary<string, int>", "{\"a\":1,\"b\":2}", "Dictionary<string, int> x", "x.Count", "2")]
    [InlineData("Outer.Inner", "{\"N\":4}", "Outer.Inner x", "x.N", "4")]
    [InlineData("int?", "5", "int? x", "x ?? -1", "5")]
    [InlineData("string", "\"four\"", "string x", "x.Length", "4")]
    [InlineData("(int A, int B)", "{\"Item1\":2,\"Item2\":3}", "(int A, int B) x", "x.A + x.B", "5")]
    public void Event_types_of_any_shape_resolve_through_the_context(string jsonType, string payload, string parameter, string count, string expected)
    {
        var run = GeneratorHarness.Run($$"""
            namespace App;

            public sealed record Item(int N);

            public sealed partial class Outer
            {
                public sealed record Inner(int N);
            }

            [JsonSerializable(typeof({{jsonType}}))]
            [JsonSerializable(typeof(int))]
            [JsonSourceGenerationOptions(IncludeFields = true)]
            internal sealed partial class AppJson : JsonSerializerContext;

            public static partial class Functions
            {
                [LambdaHandler("count")]
                public static int Count({{parameter}}) => {{count}};
            }
            """);
        Assert.Empty(run.Problems);

        var response = run.LoadTable().Invoke("count", payload);

        Assert.Equal(expected, response);
    }

    [Fact]
    public void Types_renamed_with_TypeInfoPropertyName_and_split_over_two_contexts_resolve()
    {
        var run = GeneratorHarness.Run("""
            namespace App;

            public sealed record Order(string Id);

            public sealed record Receipt(string Id);

            [JsonSerializable(typeof(Order), TypeInfoPropertyName = "IncomingOrder")]
            internal sealed partial class InputJson : JsonSerializerContext;

            [JsonSerializable(typeof(Receipt))]
            [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
            public sealed partial class OutputJson : JsonSerializerContext;

            public static partial class Functions
            {
                [LambdaHandler("order")]
                public static Receipt Handle(Order order) => new(order.Id);
            }
            """);
        Assert.Empty(run.Problems);
        Assert.Contains("global::App.InputJson.Default", run.Table, StringComparison.Ordinal);
        Assert.Contains("global::App.OutputJson.Default", run.Table, StringComparison.Ordinal);

        Assert.Equal("""{"id":"r1"}""", run.LoadTable().Invoke("order", """{"Id":"r1"}"""));
    }

    [Fact]
    public void A_public_context_in_the_assembly_that_declares_the_event_type_is_used()
    {
        var events = GeneratorHarness.CompileLibrary("Events", """
            namespace Events;

            public sealed record Ping(string Id);

            public sealed record Pong(string Id);

            [JsonSerializable(typeof(Ping))]
            [JsonSerializable(typeof(List<Pong>))]
            public sealed partial class EventsJson : JsonSerializerContext;
            """);

        var run = GeneratorHarness.Run("""
            namespace App;

            public static partial class Functions
            {
                [LambdaHandler("ping")]
                public static Task<List<Events.Pong>> Handle(Events.Ping ping) => Task.FromResult(new List<Events.Pong> { new(ping.Id) });
            }
            """, libraries: events);

        Assert.Empty(run.Problems);
        Assert.Contains("global::Events.EventsJson.Default", run.Table, StringComparison.Ordinal);
        Assert.Equal("""[{"Id":"p1"}]""", run.LoadTable().Invoke("ping", """{"Id":"p1"}"""));
    }

    [Fact]
    public void An_internal_context_of_a_referenced_assembly_does_not_count()
    {
        var events = GeneratorHarness.CompileLibrary("HiddenEvents", """
            namespace Events;

            public sealed record Ping(string Id);

            [JsonSerializable(typeof(Ping))]
            internal sealed partial class EventsJson : JsonSerializerContext;
            """);

        var run = GeneratorHarness.Run("""
            namespace App;

            public static partial class Functions
            {
                [LambdaHandler("ping")]
                public static void Handle(Events.Ping ping) { }
            }
            """, libraries: events);

        Assert.Equal("FLINT001", Assert.Single(run.GeneratorDiagnostics).Id);
    }
}
