using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace Flint.Benchmarks;

/// <summary>
/// Cold start as Lambda's Init sees it, plus the first invoke: one operation spawns a hello bootstrap against an
/// in-process Runtime API and ends when its first response arrives (spawn, runtime start, GET /next, echo,
/// POST /response). Every operation is a new process; the process is killed after measuring.
/// </summary>
[Config(typeof(MonitoringConfig))]
[MemoryDiagnoser]
public class StartupBenchmarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private LoopbackRuntimeApi? server;
    private Process? running;
    private string aot = "";
    private string httpClient = "";
    private string jit = "";

    [GlobalSetup]
    public void Setup()
    {
        aot = HelloBootstraps.Aot;
        httpClient = HelloBootstraps.HttpClient;
        jit = HelloBootstraps.Jit;
        server = new LoopbackRuntimeApi("""{"hello":"flint"}"""u8, eventsPerConnection: 1);
    }

    [GlobalCleanup]
    public void Cleanup() => server?.Dispose();

    /// <summary>Native AOT hello on Flint's socket transport.</summary>
    [Benchmark(Baseline = true)]
    public void FlintAot() => SpawnUntilFirstResponse(aot);

    /// <summary>Native AOT hello on the HttpClient transport.</summary>
    [Benchmark]
    public void FlintAotHttpClient() => SpawnUntilFirstResponse(httpClient);

    /// <summary>The same hello on the JIT (framework-dependent, no ReadyToRun).</summary>
    [Benchmark]
    public void FlintJit() => SpawnUntilFirstResponse(jit);

    [IterationCleanup]
    public void Kill()
    {
        if (running is null)
        {
            return;
        }

        try
        {
            running.Kill();
            running.WaitForExit();
        }
        catch (InvalidOperationException)
        {
        }

        running.Dispose();
        running = null;
    }

    private void SpawnUntilFirstResponse(string bootstrap)
    {
        var start = new ProcessStartInfo(bootstrap)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true, // not read: hello writes a line or two at most
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(bootstrap),
        };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = server!.Address;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "hello";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128";
        start.Environment.Remove("_HANDLER");
        running = Process.Start(start) ?? throw new InvalidOperationException($"{bootstrap} did not start.");
        if (!server.WaitForPost(Timeout))
        {
            throw new InvalidOperationException($"{bootstrap} posted no response within {Timeout.TotalSeconds} s (exited: {running.HasExited}).");
        }
    }
}
