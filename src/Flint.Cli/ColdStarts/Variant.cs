namespace Flint.Cli.ColdStarts;

/// <summary>How a variant is built.</summary>
internal enum BuildKind
{
    /// <summary>Native AOT publish (the shared AOT arguments apply).</summary>
    NativeAot,

    /// <summary>Managed publish: JIT or ReadyToRun, started by <c>dotnet</c> or an apphost.</summary>
    Managed,

    /// <summary>The C floor, built with cc.</summary>
    C,
}

/// <summary>One build of the function to compare.</summary>
/// <param name="Name">Short name used in tables, charts and the cache path.</param>
/// <param name="Description">What differs from the default.</param>
/// <param name="Kind">How it is built.</param>
/// <param name="Properties">MSBuild arguments of its publish.</param>
/// <param name="ScriptBootstrap">Framework-dependent: bootstrap is a shell script running <c>dotnet bootstrap.dll</c>.</param>
/// <param name="Project">Built from this folder instead of the function's project (the floors); the source hash then covers it alone.</param>
/// <param name="Tls">Runs against the S3 fixture's TLS endpoint (the run's CA trusted through OpenSSL's variables) instead of plain HTTP.</param>
/// <param name="AwsRootsOnly">Over TLS, the function trusts only AWS's roots (deploy/aws-roots.pem via SSL_CERT_FILE), not the machine's bundle.</param>
/// <param name="Reference">Measures this function instead of the run's (Flint's hello next to an S3 function), with its own handler and event.</param>
/// <param name="BuildsAs">Shares the build (and cache folder) of the variant of this name: a variant that differs only in how it runs.</param>
internal sealed record Variant(string Name, string Description, BuildKind Kind, IReadOnlyList<string> Properties, bool ScriptBootstrap = false, string? Project = null,
    bool Tls = false, bool AwsRootsOnly = false, FunctionUnderTest? Reference = null, string? BuildsAs = null)
{
    public const string Default = "aot";
    public const string TlsVariant = "aot-tls";
    public const string TlsAwsRootsVariant = "aot-tls-aws-roots";
    public const string HelloReference = "hello";
    public const string Floor = "floor";
    public const string DotnetFloor = "dotnet-floor";
    public const string DispatchSwitch = "dispatch-switch";

    /// <summary>Turns off the start-up settings of src/Flint.Runtime/buildTransitive/Flint.Runtime.targets (the SDK's defaults).</summary>
    private const string Untuned = "-p:FlintStartupTuning=false";

    /// <summary>Every variant known, in report order.</summary>
    public static IReadOnlyList<Variant> All { get; } =
    [
        new(HelloReference, "Flint's hello (bench/Flint.Hello echo), Native AOT: the reference an S3 function is compared with in the same run",
            BuildKind.NativeAot, [], Reference: FunctionUnderTest.Hello, BuildsAs: Default),
        new(Default, "Native AOT, Flint's socket transport (the default)", BuildKind.NativeAot, []),
        new(TlsVariant, "Native AOT, S3 over TLS: moto_server behind a certificate of a CA made for the run, trusted through SSL_CERT_FILE (loads OpenSSL and the root store, pays the handshake)",
            BuildKind.NativeAot, [], Tls: true, BuildsAs: Default),
        new(TlsAwsRootsVariant, "Native AOT, S3 over TLS trusting only AWS's roots: SSL_CERT_FILE = deploy/aws-roots.pem (plus the run's CA standing in for S3's), SSL_CERT_DIR empty — .NET parses 6 certificates instead of the machine's ~145",
            BuildKind.NativeAot, [], Tls: true, AwsRootsOnly: true, BuildsAs: Default),
        new("aot-untuned", "Native AOT with the SDK's defaults, without Flint's start-up settings", BuildKind.NativeAot, [Untuned]),
        new(DispatchSwitch, "Native AOT, the hand-written `switch` handler table instead of the generated one", BuildKind.NativeAot, ["-p:FlintDispatch=Switch"]),
        new("aot-httpclient", "Native AOT on the HttpClient transport", BuildKind.NativeAot, ["-p:FlintTransport=HttpClient"]),
        new("httpclient-untuned", "HttpClient transport with the SDK's defaults — how an AOT app on an HttpClient runtime client is built by default", BuildKind.NativeAot,
            ["-p:FlintTransport=HttpClient", Untuned]),
        new("aot-size", "Native AOT, OptimizationPreference=Size", BuildKind.NativeAot, ["-p:OptimizationPreference=Size"]),
        new("r2r", "ReadyToRun + tiered compilation, self-contained", BuildKind.Managed,
            ["-p:PublishAot=false", "-p:SelfContained=true", "-p:PublishReadyToRun=true", "-p:TieredCompilation=true"]),
        new("jit", "JIT, framework-dependent: `dotnet bootstrap.dll` (as on the managed runtime)", BuildKind.Managed,
            ["-p:PublishAot=false", "-p:SelfContained=false", "-p:UseAppHost=false"], ScriptBootstrap: true),
        new(DotnetFloor, ".NET floor: a minimal Native AOT echo loop without Flint (bench/dotnet-floor)", BuildKind.NativeAot, [], Project: "bench/dotnet-floor"),
        new(Floor, "C: exec, connect, GET /next, echo (bench/floor)", BuildKind.C, [], Project: "bench/floor"),
    ];

    /// <summary>The cache folder's name: the variant whose build this one shares, else its own.</summary>
    public string BuildName => BuildsAs ?? Name;

    /// <summary>What <c>flint coldstart --project</c> compares by default: the builds any .NET function can have.</summary>
    public static IReadOnlyList<string> ForUserProjects { get; } = [Default, "aot-size", "r2r", "jit"];

    /// <summary>Variants that only exist for the hello function (its transport switch, its hand-written table, the echo floors, the untuned builds).</summary>
    public static bool HelloOnly(string name) => name is "aot-httpclient" or "httpclient-untuned" or DispatchSwitch or DotnetFloor or Floor;

    /// <summary>Variants that only exist for functions that call S3 (the TLS endpoint, hello as their reference).</summary>
    public static bool S3Only(string name) => name is TlsVariant or TlsAwsRootsVariant or HelloReference;
}
