using System.Buffers;
using System.Text.Json;

namespace Flint.Local;

/// <summary>The JSON bodies Lambda uses for its own errors (Runtime API rejections and platform function errors).</summary>
internal static class ErrorBodies
{
    /// <summary>Lambda's function response limit for a synchronous invocation: 6 MB.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024 + 100; // 6,291,556 bytes, as Lambda counts it

    /// <summary>A Runtime API error body: <c>{"errorMessage":…,"errorType":…}</c>.</summary>
    public static byte[] RuntimeApiError(string errorType, string errorMessage) => Write(errorMessage, errorType, stackTrace: false);

    /// <summary>A function error made by the platform (exit, timeout, oversize): <c>{"errorType":…,"errorMessage":…}</c>.</summary>
    public static byte[] FunctionError(string errorType, string errorMessage) => Write(errorMessage, errorType, stackTrace: false);

    /// <summary>The timeout body, which Lambda gives without an error type in older runtimes; we add <c>Sandbox.Timedout</c>.</summary>
    public static byte[] Timeout(string requestId, TimeSpan timeout) => FunctionError(
        "Sandbox.Timedout",
        FormattableString.Invariant($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {requestId} Task timed out after {timeout.TotalSeconds:F2} seconds"));

    private static byte[] Write(string errorMessage, string errorType, bool stackTrace)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage"u8, errorMessage);
            json.WriteString("errorType"u8, errorType);
            if (stackTrace)
            {
                json.WriteStartArray("stackTrace"u8);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
