namespace Flint.Records;

/// <summary>Splits NDJSON on <c>'\n'</c> and hands each non-blank line to the sink.</summary>
internal sealed class JsonLinesParser(RecordSink sink) : RecordParser
{
    private static ReadOnlySpan<byte> Blank => " \t\r"u8;

    private long line;
    private bool skippingOversizedLine;

    public override int Parse(ReadOnlySpan<byte> data, bool isFinal)
    {
        var position = 0;
        while (true)
        {
            var rest = data[position..];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (!isFinal)
                {
                    return position;
                }

                if (!rest.IsEmpty)
                {
                    Line(rest);
                }

                return data.Length;
            }

            Line(rest[..newline]);
            position += newline + 1;
        }
    }

    public override int SkipOversized(ReadOnlySpan<byte> data, int maxRecordBytes)
    {
        // The line so far fills the whole buffer: report it once and drop bytes up to its newline.
        if (!skippingOversizedLine)
        {
            sink.Reject(data, line + 1, $"The line is longer than {maxRecordBytes} bytes.");
            skippingOversizedLine = true;
        }

        return data.Length;
    }

    private void Line(ReadOnlySpan<byte> text)
    {
        line++;
        if (skippingOversizedLine)
        {
            // The tail of a line already counted as malformed.
            skippingOversizedLine = false;
            return;
        }

        if (text.IndexOfAnyExcept(Blank) < 0)
        {
            return;
        }

        if (!sink.Accept(text, out var reason))
        {
            sink.Reject(text, line, reason);
        }
    }
}
