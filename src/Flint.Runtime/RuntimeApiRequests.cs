using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Flint.Runtime;

/// <summary>
/// The fixed parts of every Runtime API request, built once from <c>u8</c> literals and the address:
/// per invocation only the request id, the lengths and the bodies are written.
/// </summary>
internal sealed class RuntimeApiRequests
{
    public RuntimeApiRequests(RuntimeApiAddress address)
    {
        var path = Encoding.ASCII.GetBytes(address.RuntimePath);
        var w = new ArrayBufferWriter<byte>(256);
        w.Write("\r\nHost: "u8);
        w.Write(Encoding.ASCII.GetBytes(address.Authority));
        w.Write("\r\nUser-Agent: flint\r\n"u8);
        var host = Take(w);

        w.Write("GET "u8);
        w.Write(path);
        w.Write("invocation/next HTTP/1.1"u8);
        w.Write(host);
        w.Write("\r\n"u8);
        Next = Take(w);

        w.Write("POST "u8);
        w.Write(path);
        w.Write("invocation/"u8);
        InvocationStart = Take(w);

        w.Write("/response HTTP/1.1"u8);
        w.Write(host);
        w.Write("Content-Type: application/octet-stream\r\n"u8);
        ResponseEnd = Take(w);

        w.Write("/error HTTP/1.1"u8);
        w.Write(host);
        w.Write("Content-Type: application/json\r\n"u8);
        ErrorEnd = Take(w);

        w.Write("POST "u8);
        w.Write(path);
        w.Write("init/error HTTP/1.1"u8);
        w.Write(host);
        w.Write("Content-Type: application/json\r\n"u8);
        InitError = Take(w);
    }

    /// <summary>The whole <c>GET .../invocation/next</c> request.</summary>
    public byte[] Next { get; }

    /// <summary><c>POST .../invocation/</c>, followed by the request id.</summary>
    public byte[] InvocationStart { get; }

    /// <summary>After the id: <c>/response HTTP/1.1</c> and the fixed headers.</summary>
    public byte[] ResponseEnd { get; }

    /// <summary>After the id: <c>/error HTTP/1.1</c> and the fixed headers.</summary>
    public byte[] ErrorEnd { get; }

    /// <summary><c>POST .../init/error HTTP/1.1</c> and the fixed headers.</summary>
    public byte[] InitError { get; }

    public static ReadOnlySpan<byte> ErrorTypeHeader => "Lambda-Runtime-Function-Error-Type: "u8;

    public static ReadOnlySpan<byte> XRayCauseHeader => "Lambda-Runtime-Function-XRay-Error-Cause: "u8;

    /// <summary>Appends <c>Content-Length: n</c> and the blank line that ends the head.</summary>
    public static void WriteContentLength(IBufferWriter<byte> output, int length)
    {
        output.Write("Content-Length: "u8);
        var span = output.GetSpan(16);
        Utf8Formatter.TryFormat(length, span, out var digits);
        output.Advance(digits);
        output.Write("\r\n\r\n"u8);
    }

    /// <summary>Appends ASCII text (a request id, an error type) with no allocation.</summary>
    public static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        if (Ascii.FromUtf16(text, span, out var written) != OperationStatus.Done)
        {
            throw new ArgumentException($"\"{text}\" is not ASCII.", nameof(text));
        }

        output.Advance(written);
    }

    private static byte[] Take(ArrayBufferWriter<byte> writer)
    {
        var bytes = writer.WrittenSpan.ToArray();
        writer.ResetWrittenCount();
        return bytes;
    }
}
