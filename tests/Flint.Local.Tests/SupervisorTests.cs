using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Flint.Local.Tests;

/// <summary>Spawning runtimes that are not Flint's (the C floor, a Python runtime): environment, restarts, timeouts, REPORT.</summary>
public sealed class SupervisorTests : IAsyncLifetime
{
    private LambdaEmulator emulator = null!;

    public async Task InitializeAsync() => emulator = await LambdaEmulator.StartAsync(new EmulatorOptions { Region = "eu-central-1" });

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task C_floor_echoes_small_and_chunked_events_byte_for_byte()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "floor", BootstrapPath = TestRuntimes.Floor });
        var big = new byte[100_000];
        new Random(3).NextBytes(big);

        var small = await emulator.InvokeAsync("floor", """{"hello":"world"}""");
        var large = await emulator.InvokeAsync("floor", big);

        Assert.Equal("""{"hello":"world"}""", small.PayloadText);
        Assert.Equal(big, large.Payload);
        Assert.Null(large.FunctionError);
    }

    [Fact]
    public async Task C_floor_reconnects_when_the_server_closes_after_each_response()
    {
        await using var closing = await LambdaEmulator.StartAsync(new EmulatorOptions { CloseConnectionAfterResponse = true });
        await closing.AddFunctionAsync(new FunctionDefinition { Name = "floor", BootstrapPath = TestRuntimes.Floor });

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i.ToString(), (await closing.InvokeAsync("floor", i.ToString())).PayloadText);
        }
    }

    [Fact]
    public async Task A_get_next_from_a_process_that_is_gone_is_dropped_and_takes_no_event()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "floor", BootstrapPath = TestRuntimes.Floor });
        using var http = new HttpClient();

        // No process of ours runs: this GET /next comes from one that was killed with the request in flight.
        var stale = http.GetAsync(new Uri($"http://{emulator.RuntimeApi("floor")}/2018-06-01/runtime/invocation/next"));
        await Assert.ThrowsAsync<HttpRequestException>(() => stale);
        var result = await emulator.InvokeAsync("floor", """{"after":"stale"}""");

        Assert.Equal("""{"after":"stale"}""", result.PayloadText);
        Assert.NotNull(result.Report?.InitDurationMs);
    }

    [Fact]
    public async Task First_invocation_is_cold_with_init_duration_and_the_next_is_warm()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "floor", BootstrapPath = TestRuntimes.Floor, MemoryMB = 256 });

        var cold = (await emulator.InvokeAsync("floor", "{}")).Report!;
        var warm = (await emulator.InvokeAsync("floor", "{}")).Report!;

        Assert.True(cold.Cold);
        Assert.NotNull(cold.InitDurationMs);
        Assert.True(cold.SpawnToFirstNext > TimeSpan.Zero);
        Assert.True(cold.SpawnToResponse >= cold.SpawnToFirstNext);
        Assert.False(warm.Cold);
        Assert.Null(warm.InitDurationMs);
        Assert.Equal(cold.ProcessId, warm.ProcessId);
        Assert.Equal(256, warm.MemorySizeMB);
        Assert.True(warm.MaxRssKiB > 0);
        Assert.Equal((warm.MaxRssKiB + 1023) / 1024, warm.MaxMemoryUsedMB);
    }

    [Fact]
    public async Task Runtime_gets_the_environment_lambda_sets()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition
        {
            Name = "py",
            BootstrapPath = TestRuntimes.Python,
            Handler = "app.handler",
            MemoryMB = 512,
            Environment = new Dictionary<string, string> { ["MY_SETTING"] = "on" },
        });

        var env = JsonDocument.Parse((await emulator.InvokeAsync("py", """{"action":"env"}""")).Payload).RootElement;

        string Var(string name) => env.GetProperty(name).GetString()!;
        Assert.Equal(emulator.RuntimeApi("py"), Var("AWS_LAMBDA_RUNTIME_API"));
        Assert.Equal("app.handler", Var("_HANDLER"));
        Assert.Equal("py", Var("AWS_LAMBDA_FUNCTION_NAME"));
        Assert.Equal("$LATEST", Var("AWS_LAMBDA_FUNCTION_VERSION"));
        Assert.Equal("512", Var("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        Assert.Equal("/aws/lambda/py", Var("AWS_LAMBDA_LOG_GROUP_NAME"));
        Assert.Matches(@"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$", Var("AWS_LAMBDA_LOG_STREAM_NAME"));
        Assert.Equal("eu-central-1", Var("AWS_REGION"));
        Assert.Equal("eu-central-1", Var("AWS_DEFAULT_REGION"));
        Assert.Equal("on-demand", Var("AWS_LAMBDA_INITIALIZATION_TYPE"));
        Assert.Equal(":UTC", Var("TZ"));
        Assert.Equal(Path.GetDirectoryName(TestRuntimes.Python), Var("LAMBDA_TASK_ROOT"));
        Assert.Equal("on", Var("MY_SETTING"));
        Assert.Equal(emulator.BaseAddress.ToString().TrimEnd('/'), Var("AWS_ENDPOINT_URL_LAMBDA"));
    }

    [Fact]
    public async Task Process_that_dies_mid_invocation_ends_it_with_runtime_exit_error_and_is_restarted()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "py", BootstrapPath = TestRuntimes.Python });
        var before = await emulator.InvokeAsync("py", "{}");

        var died = await emulator.InvokeAsync("py", """{"action":"exit"}""");
        var after = await emulator.InvokeAsync("py", """{"after":true}""");

        Assert.Equal("Unhandled", died.FunctionError);
        using var error = JsonDocument.Parse(died.Payload);
        Assert.Equal("Runtime.ExitError", error.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("exit status 3", error.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("error", died.Report!.Status);
        Assert.Equal("Runtime.ExitError", died.Report.ErrorType);
        Assert.True(died.Report.MaxMemoryUsedMB > 0, "Max Memory Used of a process that died mid-invocation is what it used, not 0");
        Assert.Null(after.FunctionError);
        Assert.Equal("""{"after":true}""", after.PayloadText);
        Assert.True(after.Report!.Cold);
        Assert.NotEqual(before.Report!.ProcessId, after.Report.ProcessId);
    }

    [Fact]
    public async Task Killed_process_is_restarted_cold_on_the_next_invocation()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "floor", BootstrapPath = TestRuntimes.Floor });
        var first = await emulator.InvokeAsync("floor", "1");

        System.Diagnostics.Process.GetProcessById(first.Report!.ProcessId!.Value).Kill();
        await WaitUntil(() => emulator.ProcessId("floor") is null);
        var second = await emulator.InvokeAsync("floor", "2");

        Assert.Equal("2", second.PayloadText);
        Assert.True(second.Report!.Cold);
        Assert.NotEqual(first.Report.ProcessId, second.Report.ProcessId);
    }

    [Fact]
    public async Task Timeout_kills_the_process_and_fails_the_invocation()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "py", BootstrapPath = TestRuntimes.Python, Timeout = TimeSpan.FromSeconds(1) });

        var timedOut = await emulator.InvokeAsync("py", """{"action":"sleep"}""");
        var next = await emulator.InvokeAsync("py", "{}");

        Assert.Equal("Unhandled", timedOut.FunctionError);
        Assert.Contains("Task timed out after 1.00 seconds", timedOut.PayloadText, StringComparison.Ordinal);
        Assert.Equal("timeout", timedOut.Report!.Status);
        Assert.Contains("Status: timeout", timedOut.Report.ToLine(), StringComparison.Ordinal);
        Assert.Equal(1000.00, timedOut.Report.DurationMs);
        Assert.Equal((long)Math.Ceiling(1000 + timedOut.Report.InitDurationMs!.Value), timedOut.Report.BilledDurationMs);
        var line = Assert.Single(timedOut.Logs, l => l.Contains("Task timed out", StringComparison.Ordinal));
        Assert.Matches($@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z {timedOut.RequestId} Task timed out after 1\.00 seconds$", line);
        Assert.True(timedOut.Logs.ToList().IndexOf(line) < timedOut.Logs.ToList().FindIndex(l => l.StartsWith("END", StringComparison.Ordinal)), "the line comes before END");
        Assert.Equal("{}", next.PayloadText);
        Assert.True(next.Report!.Cold);
    }

    [Fact]
    public async Task Init_error_fails_the_invocation_with_the_posted_error_and_the_next_one_retries_init()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition
        {
            Name = "py",
            BootstrapPath = TestRuntimes.Python,
            Environment = new Dictionary<string, string> { ["FAIL_INIT"] = "1" },
        });
        var lines = new List<string>();
        emulator.Log += line => { lock (lines) { lines.Add(line.Text); } };

        var first = await emulator.InvokeAsync("py", "{}");
        var second = await emulator.InvokeAsync("py", "{}");

        Assert.Equal("Unhandled", first.FunctionError);
        using var error = JsonDocument.Parse(first.Payload);
        Assert.Equal("Test.InitFailed", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("Test.InitFailed", first.Report!.ErrorType);
        Assert.Contains("init is failing on purpose", first.Logs);
        Assert.Equal("Unhandled", second.FunctionError);
        lock (lines)
        {
            Assert.Equal(2, lines.Count(l => l.StartsWith("INIT_REPORT Init Duration: ", StringComparison.Ordinal) && l.Contains("Status: error", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Bootstrap_that_exits_at_once_fails_with_runtime_exit_error()
    {
        var script = Path.Combine(Path.GetTempPath(), $"flint-exit-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho bye\nexit 7\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "quits", BootstrapPath = script });

        var result = await emulator.InvokeAsync("quits", "{}");

        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Contains("Runtime exited with error: exit status 7", result.PayloadText, StringComparison.Ordinal);
        File.Delete(script);
    }

    [Fact]
    public async Task Function_output_is_forwarded_with_its_request_id_and_a_report_line()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "py", BootstrapPath = TestRuntimes.Python });
        var lines = new List<EmulatorLogLine>();
        emulator.Log += line => { lock (lines) { lines.Add(line); } };

        var result = await emulator.InvokeAsync("py", "{}");

        Assert.Equal($"START RequestId: {result.RequestId} Version: $LATEST", result.Logs[0]);
        Assert.Equal(result.Report!.ToLine(), result.Logs[^1]);
        Assert.Contains($"END RequestId: {result.RequestId}", result.Logs);
        await WaitUntil(() => { lock (lines) { return lines.Exists(l => l.Text == "handling " + result.RequestId); } });
        lock (lines)
        {
            var handled = lines.Single(l => l.Text == "handling " + result.RequestId);
            Assert.Equal(LogSource.StandardOutput, handled.Source);
            Assert.Equal("py", handled.Function);
            Assert.Contains(lines, l => l.Source == LogSource.Platform && l.Text.StartsWith("REPORT RequestId: " + result.RequestId, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_invocation_after_a_reset_is_served_cold_by_a_new_process()
    {
        // A reset kills a process while its GET /next waits; if that request takes the next invocation before it notices,
        // it must hand it back and see a new process started (flint coldstart once hung on this; the loop here is the
        // contract, it does not force that interleaving).
        await emulator.AddFunctionAsync(new FunctionDefinition { Name = "floor", BootstrapPath = TestRuntimes.Floor });
        var processes = new HashSet<int>();

        for (var i = 0; i < 150; i++)
        {
            await emulator.ResetAsync("floor");
            var result = await emulator.InvokeAsync("floor", i.ToString(CultureInfo.InvariantCulture)).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(i.ToString(CultureInfo.InvariantCulture) == result.PayloadText, $"invocation {i}: {result.PayloadText} {string.Join(" | ", result.Logs)}");
            Assert.True(result.Report!.Cold, $"invocation {i} after a reset was warm");
            Assert.True(processes.Add(result.Report.ProcessId!.Value), $"invocation {i} reused process {result.Report.ProcessId}");
        }
    }

    [Fact]
    public async Task A_cold_report_counts_the_cpu_time_the_process_used_not_the_time_it_waited()
    {
        await emulator.AddFunctionAsync(new FunctionDefinition
        {
            Name = "busy", BootstrapPath = TestRuntimes.Python, Environment = new Dictionary<string, string> { ["INIT_CPU_MS"] = "300" },
        });
        await emulator.AddFunctionAsync(new FunctionDefinition
        {
            Name = "idle", BootstrapPath = TestRuntimes.Python, Environment = new Dictionary<string, string> { ["INIT_SLEEP_MS"] = "300" },
        });

        var busy = (await emulator.InvokeAsync("busy", "{}")).Report!;
        var idle = (await emulator.InvokeAsync("idle", "{}")).Report!;
        var warm = (await emulator.InvokeAsync("busy", "{}")).Report!;

        Assert.InRange(busy.CpuToResponse!.Value.TotalMilliseconds, 300, busy.SpawnToResponse!.Value.TotalMilliseconds);
        Assert.True(idle.SpawnToResponse >= TimeSpan.FromMilliseconds(300), $"idle waited {idle.SpawnToResponse}");
        Assert.True(idle.CpuToResponse < busy.CpuToResponse - TimeSpan.FromMilliseconds(200), $"idle used {idle.CpuToResponse}, busy {busy.CpuToResponse}");
        Assert.Null(warm.CpuToResponse);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
