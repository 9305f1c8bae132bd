using System.Diagnostics;
using System.Text;
using Amazon.Runtime;
using Flint.Local;
using Flint.Testing;
using Xunit;

namespace Flint.Aws.Tests;

/// <summary>The Invoke client against Flint.Local's Invoke API, with real runtimes behind it.</summary>
public sealed class InvokeThroughFlintLocalTests : IAsyncLifetime
{
    private LambdaEmulator emulator = null!;
    private LambdaInvokeClient client = null!;

    public async Task InitializeAsync()
    {
        emulator = await LambdaEmulator.StartAsync();
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "echo", BootstrapPath = BuildFloor() });
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "manual" });
        client = new LambdaInvokeClient(new AwsEnvironment
        {
            Region = "us-east-1",
            Credentials = new SessionAWSCredentials("AKIDLOCAL", "secret", "token"),
            LambdaEndpoint = emulator.BaseAddress,
        });
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await emulator.DisposeAsync();
    }

    [Fact]
    public void Echo_function_returns_the_payload()
    {
        var result = client.Invoke("echo", """{"task":"read","key":"a.json"}"""u8.ToArray());

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("""{"task":"read","key":"a.json"}""", Encoding.UTF8.GetString(result.Payload));
        Assert.False(result.IsFunctionError);
        Assert.Equal("$LATEST", result.ExecutedVersion);
    }

    [Fact]
    public async Task Function_error_from_the_runtime_is_surfaced()
    {
        var call = client.InvokeAsync("manual", "{}"u8.ToArray());
        using var runtime = new HttpClient { BaseAddress = new Uri("http://" + emulator.RuntimeApi("manual") + "/2018-06-01/runtime/") };
        using var next = await runtime.GetAsync("invocation/next");
        var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
        using var error = new StringContent("""{"errorType":"Flint.TaskFailed","errorMessage":"no such key"}""");
        error.Headers.Add("Lambda-Runtime-Function-Error-Type", "Flint.TaskFailed");
        (await runtime.PostAsync($"invocation/{requestId}/error", error)).Dispose();

        var result = await call;

        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Contains("\"errorType\":\"Flint.TaskFailed\"", Encoding.UTF8.GetString(result.Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_function_is_a_resource_not_found_error()
    {
        var e = await Assert.ThrowsAsync<LambdaInvokeException>(() => client.InvokeAsync("nope", "{}"u8.ToArray()));

        Assert.Equal(404, e.StatusCode);
        Assert.Equal("ResourceNotFoundException", e.ErrorType);
    }

    /// <summary>bench/floor (an echoing C runtime) compiled once per process.</summary>
    private static string BuildFloor() => CFloor.Bootstrap;
}
