using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Flint.Runtime;

/// <summary>
/// Writes one entry per line to stdout through a raw stream (no Console encoding or writer set-up):
/// <c>timestamp\trequestId\tLEVEL\tmessage</c> by default, or <c>{"timestamp","level","message","requestId"}</c>
/// when <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>. Entries below <c>AWS_LAMBDA_LOG_LEVEL</c> cost one comparison.
/// </summary>
internal sealed class LambdaLogger : ILambdaLogger, IDisposable
{
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText RequestIdName = JsonEncodedText.Encode("requestId");

    private readonly Func<Stream> openOutput;
    private readonly LambdaLogLevel minimum;
    private readonly bool json;
    private readonly Lock gate = new();
    private readonly PooledBufferWriter line = new(512);
    private Utf8JsonWriter? jsonWriter;
    private Stream? output;

    /// <summary>Creates a logger; <paramref name="openOutput"/> runs on the first entry written, not before.</summary>
    public LambdaLogger(Func<Stream> openOutput, LambdaLogLevel minimum, bool json)
    {
        this.openOutput = openOutput;
        this.minimum = minimum;
        this.json = json;
    }

    /// <summary>The invocation in progress, whose request id is stamped on every entry; null during Init.</summary>
    /// <remarks>Kept as the invocation, not its id: the id's string is made only when an entry is written.</remarks>
    public Invocation? Invocation { get; set; }

    private string? RequestId => Invocation?.RequestId;

    public bool IsEnabled(LambdaLogLevel level) => level >= minimum;

    public void Log(LambdaLogLevel level, string message)
    {
        if (level < minimum)
        {
            return;
        }

        message ??= "";
        lock (gate)
        {
            line.Reset();
            if (json)
            {
                WriteJson(level, message);
            }
            else
            {
                WriteText(level, message);
            }

            line.Write("\n"u8);
            output ??= openOutput();
            output.Write(line.WrittenSpan);
            output.Flush();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            jsonWriter?.Dispose();
            line.Dispose();
        }
    }

    private void WriteText(LambdaLogLevel level, string message)
    {
        WriteTimestamp(line.GetSpan(24), DateTime.UtcNow);
        line.Advance(24);
        line.Write("\t"u8);
        WriteUtf8(RequestId ?? "");
        line.Write("\t"u8);
        line.Write(LevelName(level));
        line.Write("\t"u8);
        // One entry per line: a newline inside the message becomes a carriage return, as Lambda's own runtimes do.
        WriteUtf8(message).Replace((byte)'\n', (byte)'\r');
    }

    private Span<byte> WriteUtf8(string text)
    {
        var span = line.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, span);
        line.Advance(length);
        return span[..length];
    }

    private void WriteJson(LambdaLogLevel level, string message)
    {
        var writer = jsonWriter ??= new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.Reset(line);
        Span<byte> timestamp = stackalloc byte[24];
        WriteTimestamp(timestamp, DateTime.UtcNow);
        writer.WriteStartObject();
        writer.WriteString(Timestamp, timestamp);
        writer.WriteString(Level, LevelName(level));
        writer.WriteString(Message, message);
        if (RequestId is { } id)
        {
            writer.WriteString(RequestIdName, id);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    internal static ReadOnlySpan<byte> LevelName(LambdaLogLevel level) => level switch
    {
        LambdaLogLevel.Trace => "TRACE"u8,
        LambdaLogLevel.Debug => "DEBUG"u8,
        LambdaLogLevel.Info => "INFO"u8,
        LambdaLogLevel.Warn => "WARN"u8,
        LambdaLogLevel.Error => "ERROR"u8,
        _ => "FATAL"u8,
    };

    /// <summary>Writes <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (24 bytes) without format-string parsing.</summary>
    internal static void WriteTimestamp(Span<byte> destination, DateTime utc)
    {
        Digits(destination[..4], utc.Year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), utc.Month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), utc.Day);
        destination[10] = (byte)'T';
        Digits(destination.Slice(11, 2), utc.Hour);
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), utc.Minute);
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), utc.Second);
        destination[19] = (byte)'.';
        Digits(destination.Slice(20, 3), utc.Millisecond);
        destination[23] = (byte)'Z';

        static void Digits(Span<byte> target, int value)
        {
            for (var i = target.Length - 1; i >= 0; i--)
            {
                target[i] = (byte)('0' + (value % 10));
                value /= 10;
            }
        }
    }
}
