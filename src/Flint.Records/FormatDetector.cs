using System.Text.Json;

namespace Flint.Records;

/// <summary>Skips a UTF-8 byte order mark and leading whitespace, and tells the layout from the first bytes.</summary>
internal static class FormatDetector
{
    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>3 when the data starts with a UTF-8 BOM, else 0.</summary>
    public static int ByteOrderMarkLength(ReadOnlySpan<byte> start) =>
        start.StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;

    /// <summary>
    /// The layout of <paramref name="data"/>, or <see cref="RecordFormat.Auto"/> when more bytes are needed to tell.
    /// <paramref name="blank"/> is how much leading whitespace can be dropped.
    /// </summary>
    /// <param name="data">The first unconsumed bytes.</param>
    /// <param name="requested">The caller's choice; anything but Auto is taken as is once a non-blank byte is seen.</param>
    /// <param name="mustDecide">No more bytes will come (end of stream, or a full buffer): decide with what is here.</param>
    /// <param name="blank">Leading whitespace bytes.</param>
    public static RecordFormat Detect(ReadOnlySpan<byte> data, RecordFormat requested, bool mustDecide, out int blank)
    {
        var first = data.IndexOfAnyExcept(Whitespace);
        blank = first < 0 ? data.Length : first;
        if (first < 0)
        {
            return RecordFormat.Auto;
        }

        if (requested != RecordFormat.Auto)
        {
            return requested;
        }

        return data[first] switch
        {
            (byte)'[' => RecordFormat.JsonArray,
            (byte)'{' => ObjectLayout(data[first..], mustDecide),
            _ => RecordFormat.JsonLines,
        };
    }

    /// <summary>
    /// A first object with a top-level <c>Records</c> array is CloudTrail's shape; a first object that closes
    /// without one is a JSON line.
    /// </summary>
    private static RecordFormat ObjectLayout(ReadOnlySpan<byte> data, bool mustDecide)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock: false, default);
        try
        {
            if (!reader.Read())
            {
                return Undecided(mustDecide);
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return RecordFormat.JsonLines;
                }

                var isRecords = reader.ValueTextEquals("Records"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (isRecords && reader.TokenType == JsonTokenType.StartArray)
                {
                    return RecordFormat.RecordsObject;
                }

                if (!reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // Broken JSON at the start: the line parser counts it as a malformed line.
            return RecordFormat.JsonLines;
        }

        return Undecided(mustDecide);
    }

    private static RecordFormat Undecided(bool mustDecide) => mustDecide ? RecordFormat.JsonLines : RecordFormat.Auto;
}
