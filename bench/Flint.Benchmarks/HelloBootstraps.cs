using Flint.Testing;

namespace Flint.Benchmarks;

/// <summary>
/// The three hello bootstraps the start-up suite spawns. The host publishes them once (Bootstraps.Publish, locked
/// and shared with the test projects) and hands the paths to benchmark processes in environment variables.
/// </summary>
internal static class HelloBootstraps
{
    public const string AotVariable = "FLINT_BENCH_HELLO_AOT";
    public const string HttpClientVariable = "FLINT_BENCH_HELLO_HTTPCLIENT";
    public const string JitVariable = "FLINT_BENCH_HELLO_JIT";

    private const string Project = "bench/Flint.Hello";

    /// <summary>Native AOT, Flint's socket transport.</summary>
    public static string Aot => Path(AotVariable, () => Bootstraps.Publish(Project));

    /// <summary>Native AOT, the HttpClient transport (-p:FlintTransport=HttpClient).</summary>
    public static string HttpClient => Path(HttpClientVariable, () => Bootstraps.Publish(Project, variant: "httpclient", msbuildProps: "FlintTransport=HttpClient"));

    /// <summary>The same hello as a framework-dependent JIT app (-p:PublishAot=false).</summary>
    public static string Jit => Path(JitVariable, () => Bootstraps.Publish(Project, variant: "jit", msbuildProps: "PublishAot=false"));

    /// <summary>Publishes all three (if not given already) and exports their paths for child processes.</summary>
    public static void PublishAndExport()
    {
        Environment.SetEnvironmentVariable(AotVariable, Aot);
        Environment.SetEnvironmentVariable(HttpClientVariable, HttpClient);
        Environment.SetEnvironmentVariable(JitVariable, Jit);
    }

    private static string Path(string variable, Func<string> publish) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given && File.Exists(given) ? given : publish();
}
