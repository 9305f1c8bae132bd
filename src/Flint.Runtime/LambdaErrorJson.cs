using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Flint.Runtime;

/// <summary>
/// The JSON a failed invocation reports, written with <see cref="Utf8JsonWriter"/> (no reflection, no
/// string concatenation): the <c>/error</c> body and the X-Ray error cause header. Shared by both transports.
/// </summary>
internal static class LambdaErrorJson
{
    /// <summary>The X-Ray cause header is skipped rather than sent when it would exceed this (servers cap header sizes).</summary>
    internal const int MaxXRayCauseBytes = 16 * 1024;

    private const int MaxXRayFrames = 64;

    // The body is UTF-8 JSON: keep quotes and non-ASCII text readable. The X-Ray header stays strictly escaped ASCII.
    private static readonly JsonWriterOptions BodyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonEncodedText ErrorType = JsonEncodedText.Encode("errorType");
    private static readonly JsonEncodedText ErrorMessage = JsonEncodedText.Encode("errorMessage");
    private static readonly JsonEncodedText StackTrace = JsonEncodedText.Encode("stackTrace");
    private static readonly JsonEncodedText WorkingDirectory = JsonEncodedText.Encode("working_directory");
    private static readonly JsonEncodedText Exceptions = JsonEncodedText.Encode("exceptions");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Stack = JsonEncodedText.Encode("stack");
    private static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText Paths = JsonEncodedText.Encode("paths");

    /// <summary>Writes <c>{"errorType":..,"errorMessage":..,"stackTrace":[..]}</c>.</summary>
    public static void WriteBody(IBufferWriter<byte> output, LambdaError error)
    {
        using var writer = new Utf8JsonWriter(output, BodyOptions);
        writer.WriteStartObject();
        writer.WriteString(ErrorType, error.ErrorType);
        writer.WriteString(ErrorMessage, error.ErrorMessage);
        writer.WriteStartArray(StackTrace);
        foreach (var frame in error.StackTrace)
        {
            writer.WriteStringValue(frame);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the <c>Lambda-Runtime-Function-XRay-Error-Cause</c> value:
    /// <c>{"working_directory":..,"exceptions":[{"type","message","stack":[{"label","path","line"}]}],"paths":[..]}</c>.
    /// Non-ASCII and control characters are escaped, so the value is a valid single-line header.
    /// </summary>
    public static void WriteXRayCause(IBufferWriter<byte> output, LambdaError error, string workingDirectory)
    {
        using var writer = new Utf8JsonWriter(output);
        var paths = new List<string>();
        writer.WriteStartObject();
        writer.WriteString(WorkingDirectory, workingDirectory);
        writer.WriteStartArray(Exceptions);
        writer.WriteStartObject();
        writer.WriteString(Type, error.ErrorType);
        writer.WriteString(Message, error.ErrorMessage.Length > 1024 ? error.ErrorMessage[..1024] : error.ErrorMessage);
        writer.WriteStartArray(Stack);
        for (var i = 0; i < error.StackTrace.Count && i < MaxXRayFrames; i++)
        {
            var (label, path, line) = ParseFrame(error.StackTrace[i]);
            writer.WriteStartObject();
            writer.WriteString(Label, label);
            writer.WriteString(Path, path);
            writer.WriteNumber(Line, line);
            writer.WriteEndObject();
            if (path.Length > 0 && !paths.Contains(path))
            {
                paths.Add(path);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartArray(Paths);
        foreach (var path in paths)
        {
            writer.WriteStringValue(path);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Splits a .NET stack frame (<c>at Ns.Type.Method(args) in /src/File.cs:line 12</c>) into label, path and line;
    /// a frame without file information (the norm under Native AOT) keeps the whole text as its label.
    /// </summary>
    internal static (string Label, string Path, int Line) ParseFrame(string frame)
    {
        var text = frame.StartsWith("at ", StringComparison.Ordinal) ? frame[3..] : frame;
        var at = text.LastIndexOf(" in ", StringComparison.Ordinal);
        if (at < 0)
        {
            return (text, "", 0);
        }

        var location = text[(at + 4)..];
        var lineAt = location.LastIndexOf(":line ", StringComparison.Ordinal);
        var line = 0;
        if (lineAt >= 0 && int.TryParse(location.AsSpan(lineAt + 6), NumberStyles.None, CultureInfo.InvariantCulture, out line))
        {
            location = location[..lineAt];
        }

        return (text[..at], location, line);
    }

    /// <summary>An error type made safe for an HTTP header value: printable ASCII only.</summary>
    internal static string HeaderSafe(string value)
    {
        if (!value.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return value;
        }

        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
    }
}
