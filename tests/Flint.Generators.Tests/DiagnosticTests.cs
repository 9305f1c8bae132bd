using Microsoft.CodeAnalysis;

namespace Flint.Generators.Tests;

/// <summary>Each rule breaks the build once, with its id, an actionable message and the offending source span.</summary>
public sealed class DiagnosticTests
{
    /// <summary>Runs the generator and returns its single diagnostic (asserting there is exactly one) and the text it points at.</summary>
    private static (Diagnostic Diagnostic, string Span) Single(string source)
    {
        var run = GeneratorHarness.Run(DispatchTests.Models + source);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var text = run.Output.SyntaxTrees.First().GetText();
        var span = text.ToString(diagnostic.Location.SourceSpan);
        Assert.Equal("Functions.cs", diagnostic.Location.GetLineSpan().Path);

        // The rest of the program still compiles: the broken handler is left out rather than emitted half-made.
        Assert.DoesNotContain(run.CompileDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal));
        return (diagnostic, span);
    }

    [Fact]
    public void FLINT001_event_type_missing_from_every_context_is_a_compile_error()
    {
        var (diagnostic, span) = Single("""
            public sealed record Refund(string Id);

            public static partial class Functions
            {
                [LambdaHandler("refund")]
                public static Receipt Refund(Refund refund) => new(refund.Id, 0);
            }
            """);

        Assert.Equal("FLINT001", diagnostic.Id);
        Assert.Equal("Refund", span);
        Assert.Equal(
            "'global::App.Refund' is the event type of handler 'refund' but no JsonSerializerContext of this compilation (or of the assembly declaring the type) lists it: " +
            "add [JsonSerializable(typeof(global::App.Refund))] to a partial class deriving from JsonSerializerContext",
            diagnostic.GetMessage());
    }

    [Fact]
    public void FLINT001_result_type_missing_is_reported_on_the_return_type_even_inside_a_task()
    {
        var (diagnostic, span) = Single("""
            public sealed record Refund(string Id);

            public static partial class Functions
            {
                [LambdaHandler("refund")]
                public static Task<List<Refund>> Refunds(Order order) => Task.FromResult(new List<Refund>());
            }
            """);

        Assert.Equal("FLINT001", diagnostic.Id);
        Assert.Equal("Task<List<Refund>>", span);
        Assert.Contains("'global::System.Collections.Generic.List<global::App.Refund>' is the result type of handler 'refund'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void FLINT002_duplicate_handler_name_points_at_the_second_attribute()
    {
        var (diagnostic, span) = Single("""
            public static partial class Functions
            {
                [LambdaHandler("order")]
                public static Receipt A(Order o) => new("a", 1);

                [LambdaHandler("order")]
                public static Receipt B(Order o) => new("b", 2);
            }
            """);

        Assert.Equal("FLINT002", diagnostic.Id);
        Assert.Equal("LambdaHandler(\"order\")", span);
        Assert.Equal("Handler name 'order' is already used by 'Functions.A': each [LambdaHandler] name must be unique in the assembly", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public static Receipt H() => new(\"\", 0);", "it takes 0 parameters")]
    [InlineData("public static Receipt H(Order o, ILambdaContext c, CancellationToken t, int extra) => new(\"\", 0);", "it takes 4 parameters")]
    [InlineData("public static Receipt H(Order o, string s) => new(\"\", 0);", "parameter 's' is neither the ILambdaContext nor a trailing CancellationToken")]
    [InlineData("public static Receipt H(Order o, CancellationToken t, ILambdaContext c) => new(\"\", 0);", "parameter 'c' is neither the ILambdaContext nor a trailing CancellationToken")]
    [InlineData("public static Receipt H(ILambdaContext c) => new(\"\", 0);", "its first parameter must be the event")]
    [InlineData("public static Receipt H(ref Order o) => new(\"\", 0);", "parameter 'o' is passed by reference")]
    [InlineData("public static async void H(Order o) => await Task.Yield();", "an async void method cannot be awaited; return Task instead")]
    [InlineData("public static Span<byte> H(Order o) => default;", "its result type 'System.Span<byte>' cannot be serialized")]
    public void FLINT003_unsupported_signature_says_why_and_lists_the_supported_forms(string method, string reason)
    {
        var (diagnostic, span) = Single($$"""
            public static partial class Functions
            {
                [LambdaHandler("h")]
                {{method}}
            }
            """);

        Assert.Equal("FLINT003", diagnostic.Id);
        Assert.Equal("H", span);
        Assert.Equal(
            $"'Functions.H' cannot be a handler: {reason}. Supported forms: (TEvent), (TEvent, ILambdaContext), (TEvent, CancellationToken) " +
            "or (TEvent, ILambdaContext, CancellationToken), returning void, T, Task, Task<T>, ValueTask or ValueTask<T>; " +
            "TEvent and T may be Stream, byte[] or ReadOnlyMemory<byte> for raw bytes.",
            diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public static class Functions { [LambdaHandler(\"h\")] public static Receipt H(Order o) => new(\"\", 0); }", "Functions")]
    [InlineData("public static class Outer { public static partial class Functions { [LambdaHandler(\"h\")] public static Receipt H(Order o) => new(\"\", 0); } }", "Outer")]
    public void FLINT004_containing_type_that_is_not_partial_is_named(string source, string type)
    {
        var (diagnostic, _) = Single(source);

        Assert.Equal("FLINT004", diagnostic.Id);
        Assert.StartsWith($"'{type}' contains the [LambdaHandler] method '", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.EndsWith("' and must be declared partial (so must every type that contains it)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static partial class Functions { [LambdaHandler(\"h\")] public static Receipt H<T>(Order o) => new(\"\", 0); }", "the method")]
    [InlineData("public static partial class Functions<T> { [LambdaHandler(\"h\")] public static Receipt H(Order o) => new(\"\", 0); }", "'Functions<T>'")]
    public void FLINT005_generic_handler_is_rejected(string source, string what)
    {
        var (diagnostic, span) = Single(source);

        Assert.Equal("FLINT005", diagnostic.Id);
        Assert.Equal("H", span);
        Assert.Contains($"because {what} is generic", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public static partial class Functions { [LambdaHandler(\"h\")] private static Receipt H(Order o) => new(\"\", 0); }", "the method is private")]
    [InlineData("public partial class Functions { [LambdaHandler(\"h\")] protected static Receipt H(Order o) => new(\"\", 0); }", "the method is protected")]
    [InlineData("public static partial class Outer { private static partial class Functions { [LambdaHandler(\"h\")] public static Receipt H(Order o) => new(\"\", 0); } }", "'Outer.Functions' is private")]
    public void FLINT006_inaccessible_handler_says_what_to_open_up(string source, string what)
    {
        var (diagnostic, _) = Single(source);

        Assert.Equal("FLINT006", diagnostic.Id);
        Assert.EndsWith($"cannot be called by the generated dispatch because {what}: make it public or internal", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void FLINT007_two_defaults_are_rejected_at_the_second()
    {
        var (diagnostic, span) = Single("""
            public static partial class Functions
            {
                [LambdaHandler("a", IsDefault = true)]
                public static Receipt A(Order o) => new("a", 1);

                [LambdaHandler("b", IsDefault = true)]
                public static Receipt B(Order o) => new("b", 2);
            }
            """);

        Assert.Equal("FLINT007", diagnostic.Id);
        Assert.Equal("LambdaHandler(\"b\", IsDefault = true)", span);
        Assert.Equal("Handler 'b' is marked IsDefault = true, but so is 'a': at most one handler can be the default", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public sealed partial class Functions(string name) { [LambdaHandler(\"h\")] public Receipt H(Order o) => new(name, 0); }")]
    [InlineData("public abstract partial class Functions { [LambdaHandler(\"h\")] public Receipt H(Order o) => new(\"\", 0); }")]
    [InlineData("public sealed partial class Functions { private Functions() { } [LambdaHandler(\"h\")] public Receipt H(Order o) => new(\"\", 0); }")]
    public void FLINT008_instance_handler_needs_a_type_the_table_can_create(string source)
    {
        var (diagnostic, span) = Single(source);

        Assert.Equal("FLINT008", diagnostic.Id);
        Assert.Equal("H", span);
        Assert.StartsWith("'Functions.H' is an instance method, so 'Functions' needs a public or internal parameterless constructor", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public void Init() { }", "it is not static")]
    [InlineData("public static void Init(ILambdaContext context) { }", "it takes parameters other than one LambdaInitContext")]
    [InlineData("public static void Init(LambdaInitContext a, LambdaInitContext b) { }", "it takes parameters other than one LambdaInitContext")]
    [InlineData("public static Task<string> Init() => Task.FromResult(\"\");", "it returns 'System.Threading.Tasks.Task<string>'")]
    [InlineData("public static int Init() => 0;", "it returns 'int'")]
    [InlineData("public static async void Init() => await Task.Yield();", "an async void method cannot be awaited; return Task instead")]
    public void FLINT009_lambda_init_signature_rule(string method, string reason)
    {
        var (diagnostic, span) = Single($$"""
            public partial class Functions
            {
                [LambdaInit]
                {{method}}

                [LambdaHandler("h")]
                public static Receipt H(Order o) => new("", 0);
            }
            """);

        Assert.Equal("FLINT009", diagnostic.Id);
        Assert.Equal("Init", span);
        Assert.StartsWith($"'Functions.Init' cannot be a [LambdaInit] method: {reason}. A [LambdaInit] method is static", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void FLINT008_is_not_reported_when_the_type_has_a_lambda_init_factory()
    {
        var result = GeneratorHarness.Run(DispatchTests.Models + """
            public sealed partial class Functions(string name)
            {
                [LambdaInit]
                public static Functions Create(LambdaInitContext init) => new(init.HandlerName);

                [LambdaHandler("h")]
                public Receipt H(Order o) => new(name, 0);
            }
            """);

        Assert.Empty(result.Problems);
        Assert.Equal("""{"Id":"h","Total":0}""", result.LoadTable().Invoke("h", """{"Id":"","Quantity":0}"""));
    }

    [Fact]
    public void FLINT011_a_type_has_at_most_one_lambda_init_factory()
    {
        var (diagnostic, span) = Single("""
            public sealed partial class Functions
            {
                [LambdaInit]
                public static Functions First() => new();

                [LambdaInit]
                public static Task<Functions> Second() => Task.FromResult(new Functions());

                [LambdaHandler("h")]
                public Receipt H(Order o) => new("", 0);
            }
            """);

        Assert.Equal("FLINT011", diagnostic.Id);
        Assert.Equal("Second", span);
        Assert.Equal("'Functions.First' and 'Functions.Second' are both [LambdaInit] factories of 'Functions': a type's instance handlers are created by one factory", diagnostic.GetMessage());
    }

    [Fact]
    public void FLINT012_warns_of_a_factory_whose_type_has_no_instance_handler()
    {
        var result = GeneratorHarness.Run(DispatchTests.Models + """
            public sealed partial class Functions
            {
                [LambdaInit]
                public static Functions Create() => new();

                [LambdaHandler("h")]
                public static Receipt H(Order o) => new("", 0);
            }
            """);

        var warning = Assert.Single(result.Problems);
        Assert.Equal("FLINT012", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.StartsWith("'Functions.Create' returns 'Functions', so it is the factory of that type's instance handlers, but 'Functions' has none", warning.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void FLINT009_private_lambda_init_is_inaccessible()
    {
        var (diagnostic, _) = Single("""
            public static partial class Functions
            {
                [LambdaInit]
                private static void Init() { }

                [LambdaHandler("h")]
                public static Receipt H(Order o) => new("", 0);
            }
            """);

        Assert.Equal("FLINT006", diagnostic.Id);
        Assert.Contains("'Functions.Init' cannot be called by the generated dispatch because the method is private", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void FLINT010_empty_handler_name_is_rejected(string name)
    {
        var (diagnostic, _) = Single($$"""
            public static partial class Functions
            {
                [LambdaHandler({{name}})]
                public static Receipt H(Order o) => new("", 0);
            }
            """);

        Assert.Equal("FLINT010", diagnostic.Id);
        Assert.Equal("The handler name of 'Functions.H' is empty: give [LambdaHandler] the name that _HANDLER will select it by", diagnostic.GetMessage());
    }

    [Fact]
    public void Every_diagnostic_id_is_distinct_and_only_the_never_running_factory_is_a_warning()
    {
        var descriptors = typeof(Diagnostics).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"FLINT{i:000}"), descriptors.Select(d => d.Id).Order());
        Assert.All(descriptors, d => Assert.Equal(d.Id == "FLINT012" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.DefaultSeverity));
    }
}
