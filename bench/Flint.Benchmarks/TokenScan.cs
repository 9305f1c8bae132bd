using System.Text.Json;

namespace Flint.Benchmarks;

/// <summary>
/// The in-process ceiling: a streaming <see cref="Utf8JsonReader"/> that only counts tokens (several top-level
/// values allowed, so NDJSON, arrays and <c>Records</c> objects all scan), refilling one buffer from the stream.
/// </summary>
internal static class TokenScan
{
    private static readonly JsonReaderOptions Options = new() { AllowMultipleValues = true };

    public static long Count(Stream stream, ref byte[] buffer)
    {
        var state = new JsonReaderState(Options);
        int start = 0, end = 0;
        long tokens = 0;
        while (true)
        {
            if (buffer.Length - end < 4096)
            {
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (buffer.Length - end < 4096)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            end += read;
            var isFinal = read == 0;
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), isFinal, state);
            while (reader.Read())
            {
                tokens++;
            }

            if (isFinal)
            {
                return tokens;
            }

            start += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            if (start == end)
            {
                start = end = 0;
            }
        }
    }

    /// <summary>Reads the stream to its end into <paramref name="buffer"/>; returns the byte count.</summary>
    public static long Drain(Stream stream, byte[] buffer)
    {
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
        }

        return total;
    }
}
