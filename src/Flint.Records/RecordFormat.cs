namespace Flint.Records;

/// <summary>How the records of an object are laid out.</summary>
public enum RecordFormat
{
    /// <summary>
    /// Decide from the first bytes: <c>[</c> is <see cref="JsonArray"/>; <c>{</c> whose first property is a
    /// <c>Records</c> array is <see cref="RecordsObject"/>; anything else is <see cref="JsonLines"/>.
    /// </summary>
    Auto,

    /// <summary>One JSON value per line (NDJSON, JSON Lines); blank lines are ignored.</summary>
    JsonLines,

    /// <summary>A single JSON array of records.</summary>
    JsonArray,

    /// <summary>An object whose <c>Records</c> property is the array of records (CloudTrail's shape).</summary>
    RecordsObject,
}
