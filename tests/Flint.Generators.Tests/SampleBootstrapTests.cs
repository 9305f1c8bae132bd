using System.Text;
using Flint.Local;
using Flint.Testing;

namespace Flint.Generators.Tests;

/// <summary>
/// The generator end to end: tests/Flint.Generators.Sample (handlers written only with attributes) published as a native
/// AOT bootstrap, run under the emulator, each handler reached by <c>_HANDLER</c>.
/// </summary>
public sealed class SampleBootstrapTests : IClassFixture<SampleBootstrapTests.Sample>
{
    private readonly Sample sample;

    public SampleBootstrapTests(Sample sample) => this.sample = sample;

    public static TheoryData<string?, string, string> Handlers => new()
    {
        { null, """{"name":"Ada"}""", """{"message":"Bonjour, Ada!","handler":"greet"}""" },
        { "bootstrap", """{"name":"Ada"}""", """{"message":"Bonjour, Ada!","handler":"greet"}""" },
        { "greet", """{"name":"Grace"}""", """{"message":"Bonjour, Grace!","handler":"greet"}""" },
        { "count", """[{"name":"a"},{"name":"b"},{"name":"c"}]""", """{"value":3}""" },
        { "log", """{"name":"Ada"}""", "null" },
        { "noop", """{"value":1}""", "null" },
        { "upper", "plain text, not json", "PLAIN TEXT, NOT JSON" },
        { "reverse", "abc", "cba" },
    };

    [Fact]
    public void Generated_dispatch_publishes_with_zero_trim_and_aot_warnings() => Assert.Empty(sample.Warnings);

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Each_handler_of_the_aot_bootstrap_answers_by_HANDLER(string? handler, string payload, string expected)
    {
        var result = await sample.InvokeAsync(handler, payload);

        Assert.Null(result.FunctionError);
        Assert.Equal(expected, result.PayloadText);
    }

    [Fact]
    public async Task Async_handler_gets_the_context_of_its_invocation()
    {
        var result = await sample.InvokeAsync("greet-async", """{"name":"Alan"}""");

        Assert.Null(result.FunctionError);
        Assert.Equal($$"""{"message":"Bonjour, Alan ({{result.RequestId}})!","handler":"greet-async"}""", result.PayloadText);
    }

    [Fact]
    public async Task Instance_handler_keeps_its_instance_across_warm_invocations()
    {
        var first = await sample.InvokeAsync("calls", """{"value":10}""");
        var second = await sample.InvokeAsync("calls", """{"value":10}""");

        Assert.Equal("""{"value":11}""", first.PayloadText);
        Assert.Equal("""{"value":12}""", second.PayloadText);
    }

    [Fact]
    public async Task Malformed_event_is_a_serialization_error_and_the_function_stays_warm()
    {
        var bad = await sample.InvokeAsync("greet", "{oops");
        var good = await sample.InvokeAsync("greet", """{"name":"Ada"}""");

        Assert.Equal("Unhandled", bad.FunctionError);
        Assert.Contains("Runtime.SerializationError", bad.PayloadText, StringComparison.Ordinal);
        Assert.Equal("""{"message":"Bonjour, Ada!","handler":"greet"}""", good.PayloadText);
    }

    [Fact]
    public async Task Unknown_handler_is_an_init_error_listing_the_generated_names()
    {
        var result = await sample.InvokeAsync("missing", "{}");

        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Contains("Runtime.HandlerNotFound", result.PayloadText, StringComparison.Ordinal);
        foreach (var name in new[] { "calls", "greet", "greet-async", "count", "log", "noop", "upper", "reverse" })
        {
            Assert.Contains(name, result.PayloadText, StringComparison.Ordinal);
        }
    }

    /// <summary>Publishes the sample once and runs one emulated function per <c>_HANDLER</c> value.</summary>
    public sealed class Sample : IAsyncLifetime
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private readonly HashSet<string> added = [];
        private string bootstrap = "";
        private LambdaEmulator? emulator;

        /// <summary>
        /// The trim/AOT warnings of the publish: the generated code must add none. A fresh clone (CI) compiles and runs
        /// ILC in full, so every warning shows; an up-to-date local build may print none.
        /// </summary>
        public IReadOnlyList<string> Warnings { get; private set; } = [];

        public async Task InitializeAsync()
        {
            var published = Bootstraps.PublishDetailed("tests/Flint.Generators.Sample");
            (bootstrap, Warnings) = (published.BootstrapPath, published.Warnings);
            emulator = await LambdaEmulator.StartAsync();
        }

        public async Task<InvocationResult> InvokeAsync(string? handler, string payload)
        {
            var function = "sample-" + (handler ?? "unset");
            await gate.WaitAsync();
            try
            {
                if (added.Add(function))
                {
                    await emulator!.AddFunctionAsync(new FunctionDefinition
                    {
                        Name = function,
                        BootstrapPath = bootstrap,
                        Handler = handler,
                        Timeout = TimeSpan.FromSeconds(30),
                        Environment = new Dictionary<string, string> { ["SAMPLE_GREETING"] = "Bonjour" },
                    });
                }
            }
            finally
            {
                gate.Release();
            }

            return await emulator!.InvokeAsync(function, Encoding.UTF8.GetBytes(payload));
        }

        public async Task DisposeAsync()
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }
}
