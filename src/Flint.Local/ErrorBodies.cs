using System.Buffers;
using System.Text.Json;

namespace Flint.Local;

/// <summary>The JSON bodies Lambda uses for its own errors (Runtime API rejections and platform function errors).</summary>
internal static class ErrorBodies
{
    /// <summary>Lambda's request (event) limit for a synchronous invocation: 6 MB, 6,291,456 bytes.</summary>
    public const int MaxRequestBytes = 6 * 1024 * 1024;

    /// <summary>Lambda's request (event) limit for an asynchronous (<c>Event</c>) invocation: 1 MB.</summary>
    public const int MaxEventRequestBytes = 1024 * 1024;

    /// <summary>Lambda's function response limit for a synchronous invocation: 6 MB.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024 + 100; // 6,291,556 bytes, as Lambda counts it

    /// <summary>
    /// The body of a Runtime API rejection or of a function error made by the platform (exit, timeout, oversize):
    /// <c>{"errorMessage":…,"errorType":…}</c>.
    /// </summary>
    public static byte[] Error(string errorType, string errorMessage) => Write(errorMessage, errorType);

    /// <summary>The timeout body, which Lambda gives without an error type in older runtimes; we add <c>Sandbox.Timedout</c>.</summary>
    public static byte[] Timeout(string timeoutLine) => Error("Sandbox.Timedout", timeoutLine);

    /// <summary>The line Lambda logs when it stops an invocation at its timeout.</summary>
    public static string TimeoutLine(string requestId, TimeSpan timeout) =>
        FormattableString.Invariant($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {requestId} Task timed out after {timeout.TotalSeconds:F2} seconds");

    private static byte[] Write(string errorMessage, string errorType)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage"u8, errorMessage);
            json.WriteString("errorType"u8, errorType);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
