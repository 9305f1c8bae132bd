using System.Globalization;

namespace Flint.Runtime;

/// <summary>Everything the runtime takes from the environment, read once at Init.</summary>
internal sealed record RuntimeSettings
{
    public string? RuntimeApi { get; init; }

    public string? Handler { get; init; }

    public string FunctionName { get; init; } = "";

    public string FunctionVersion { get; init; } = "$LATEST";

    public int MemoryLimitInMB { get; init; } = 128;

    public string LogGroupName { get; init; } = "";

    public string LogStreamName { get; init; } = "";

    public bool JsonLogs { get; init; }

    public LambdaLogLevel MinimumLogLevel { get; init; } = LambdaLogLevel.Info;

    public static RuntimeSettings Read(IEnvironmentVariables environment) => new()
    {
        RuntimeApi = environment.Get("AWS_LAMBDA_RUNTIME_API"),
        Handler = environment.Get("_HANDLER"),
        FunctionName = environment.Get("AWS_LAMBDA_FUNCTION_NAME") ?? "",
        FunctionVersion = environment.Get("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST",
        MemoryLimitInMB = int.TryParse(environment.Get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var mb) ? mb : 128,
        LogGroupName = environment.Get("AWS_LAMBDA_LOG_GROUP_NAME") ?? "",
        LogStreamName = environment.Get("AWS_LAMBDA_LOG_STREAM_NAME") ?? "",
        JsonLogs = string.Equals(environment.Get("AWS_LAMBDA_LOG_FORMAT"), "JSON", StringComparison.OrdinalIgnoreCase),
        MinimumLogLevel = ParseLevel(environment.Get("AWS_LAMBDA_LOG_LEVEL")),
    };

    /// <summary><c>TRACE</c>..<c>FATAL</c> in any case; anything else (or nothing) is <c>INFO</c>.</summary>
    internal static LambdaLogLevel ParseLevel(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LambdaLogLevel.Trace,
        "DEBUG" => LambdaLogLevel.Debug,
        "WARN" or "WARNING" => LambdaLogLevel.Warn,
        "ERROR" => LambdaLogLevel.Error,
        "FATAL" or "CRITICAL" => LambdaLogLevel.Fatal,
        _ => LambdaLogLevel.Info,
    };
}
