namespace Flint.Runtime;

/// <summary>Log levels, in the order <c>AWS_LAMBDA_LOG_LEVEL</c> filters them.</summary>
public enum LambdaLogLevel
{
    /// <summary>The finest detail, off unless <c>AWS_LAMBDA_LOG_LEVEL=TRACE</c>.</summary>
    Trace,

    /// <summary>Diagnostic detail.</summary>
    Debug,

    /// <summary>Normal operation; the default minimum.</summary>
    Info,

    /// <summary>Something unexpected that the function survived.</summary>
    Warn,

    /// <summary>A failure of the current operation.</summary>
    Error,

    /// <summary>A failure the function cannot go on after.</summary>
    Fatal,
}

/// <summary>
/// Writes one log entry per call to stdout, tagged with the current request id: plain text by
/// default, one JSON object per line when <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>.
/// </summary>
public interface ILambdaLogger
{
    /// <summary>True when <paramref name="level"/> passes <c>AWS_LAMBDA_LOG_LEVEL</c>.</summary>
    bool IsEnabled(LambdaLogLevel level);

    /// <summary>Writes <paramref name="message"/> at <paramref name="level"/> if that level is enabled.</summary>
    void Log(LambdaLogLevel level, string message);
}

/// <summary>Shorthands for <see cref="ILambdaLogger.Log"/>.</summary>
public static class LambdaLoggerExtensions
{
    /// <summary>Logs <paramref name="message"/> at <see cref="LambdaLogLevel.Debug"/>.</summary>
    public static void Debug(this ILambdaLogger logger, string message) => logger.Log(LambdaLogLevel.Debug, message);

    /// <summary>Logs <paramref name="message"/> at <see cref="LambdaLogLevel.Info"/>.</summary>
    public static void Info(this ILambdaLogger logger, string message) => logger.Log(LambdaLogLevel.Info, message);

    /// <summary>Logs <paramref name="message"/> at <see cref="LambdaLogLevel.Warn"/>.</summary>
    public static void Warn(this ILambdaLogger logger, string message) => logger.Log(LambdaLogLevel.Warn, message);

    /// <summary>Logs <paramref name="message"/> at <see cref="LambdaLogLevel.Error"/>.</summary>
    public static void Error(this ILambdaLogger logger, string message) => logger.Log(LambdaLogLevel.Error, message);
}
