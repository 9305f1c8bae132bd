using System.Diagnostics;
using System.Text.Json;
using Flint.Local;
using Xunit;

namespace Flint.Integration.Tests;

/// <summary>An unknown <c>_HANDLER</c>: the runtime posts an init error naming the handlers it has, then exits non-zero.</summary>
public sealed class InitErrorTests
{
    [Fact]
    public async Task Unknown_handler_posts_an_init_error_and_exits_non_zero()
    {
        await using var emulator = await LambdaEmulator.StartAsync();
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "external" }); // we start the process ourselves to see its exit code
        var invocation = emulator.InvokeAsync("external", "{}");
        var start = new ProcessStartInfo(HelloBootstrap.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = emulator.RuntimeApi("external");
        start.Environment["_HANDLER"] = "no-such-handler";
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "external";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var result = await invocation;

        Assert.NotEqual(0, process.ExitCode);
        Assert.Equal("Unhandled", result.FunctionError);
        using var error = JsonDocument.Parse(result.Payload);
        var message = error.RootElement.GetProperty("errorMessage").GetString()!;
        Assert.Contains("no-such-handler", message, StringComparison.Ordinal);
        Assert.Contains("echo", message, StringComparison.Ordinal);
        Assert.Contains("fail", message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("errorType").GetString()), await output + await errors);
    }

    [Fact]
    public async Task Unknown_handler_under_the_emulator_fails_the_invocation_and_is_retried_on_the_next()
    {
        await using var emulator = await LambdaEmulator.StartAsync();
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "bad", BootstrapPath = HelloBootstrap.Path, Handler = "no-such-handler" });

        var first = await emulator.InvokeAsync("bad", "{}");
        var second = await emulator.InvokeAsync("bad", "{}");

        Assert.Equal("Unhandled", first.FunctionError);
        Assert.Contains("no-such-handler", first.PayloadText, StringComparison.Ordinal);
        Assert.Contains(first.Logs, line => line.Contains("Runtime exited with error: exit status", StringComparison.Ordinal) && !line.EndsWith("exit status 0", StringComparison.Ordinal));
        Assert.Equal("Unhandled", second.FunctionError);
        Assert.NotEqual(first.Report!.ProcessId, second.Report!.ProcessId);
    }
}
