using Flint.Local;
using Xunit;

namespace FlintFunction.Tests;

public sealed class FunctionTests(PublishedFunction function) : IClassFixture<PublishedFunction>
{
    [Fact]
    public async Task Greets_the_name_it_is_given()
    {
        await using var lambda = await Start();

        var result = await lambda.InvokeAsync("greet", """{"name":"Ada"}""");

        Assert.Null(result.FunctionError);
        Assert.Equal("""{"message":"Hello, Ada!"}""", result.PayloadText);
        Assert.True(result.Report?.Cold, "the first invocation is a cold start");
    }

    [Fact]
    public async Task An_event_that_is_not_JSON_for_a_person_is_a_serialization_error_and_the_function_keeps_serving()
    {
        await using var lambda = await Start();

        var bad = await lambda.InvokeAsync("greet", "[1,2,3]");
        var good = await lambda.InvokeAsync("greet", """{"name":"Grace"}""");

        Assert.Equal("Unhandled", bad.FunctionError);
        Assert.Contains("Runtime.SerializationError", bad.PayloadText);
        Assert.Equal("""{"message":"Hello, Grace!"}""", good.PayloadText);
        Assert.False(good.Report?.Cold, "the same process answered");
    }

    private async Task<LambdaEmulator> Start()
    {
        var lambda = await LambdaEmulator.StartAsync();
        await lambda.AddFunctionAsync(new FunctionDefinition { Name = "greet", BootstrapPath = function.Bootstrap });
        return lambda;
    }
}
