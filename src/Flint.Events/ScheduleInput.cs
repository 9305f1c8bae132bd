using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flint.Events;

/// <summary>
/// What a scheduled job receives: either EventBridge Scheduler's custom input
/// (<c>{"date":"2026-11-27"}</c>, to run or re-run a given day) or a plain
/// scheduled event (<see cref="ScheduledEvent"/>'s shape). Both deserialize
/// into this one type, so a handler takes <c>ScheduleInput</c> and calls
/// <see cref="ResolveDate(DateTimeOffset)"/>.
/// </summary>
public sealed record ScheduleInput
{
    /// <summary>The day to process, when the caller names one (<c>yyyy-MM-dd</c>).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The event's id when this is a scheduled event.</summary>
    public string? Id { get; init; }

    /// <summary>The event's detail type when this is a scheduled event.</summary>
    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    /// <summary>The event's source when this is a scheduled event.</summary>
    public string? Source { get; init; }

    /// <summary>The scheduled time when this is a scheduled event.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The event's detail; a <c>date</c> property in it counts like <see cref="Date"/>.</summary>
    public JsonElement? Detail { get; init; }

    /// <summary>
    /// The day the job should process: <see cref="Date"/>, else <c>detail.date</c>,
    /// else the day before the event's <see cref="Time"/> (or before <paramref name="now"/>), in UTC.
    /// </summary>
    /// <param name="now">The current time, used when the input carries no time.</param>
    /// <exception cref="FormatException"><c>detail.date</c> is present but not a <c>yyyy-MM-dd</c> date.</exception>
    public DateOnly ResolveDate(DateTimeOffset now)
    {
        if (Date is { } date)
        {
            return date;
        }

        var named = Detail is { ValueKind: JsonValueKind.Object } detail
            && detail.TryGetProperty("date"u8, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return ResolveDate(named, Time, now);
    }

    /// <summary>
    /// The rule itself, for inputs of another shape: <paramref name="namedDate"/> (<c>yyyy-MM-dd</c>) when given,
    /// else the UTC day before <paramref name="time"/>, else the UTC day before <paramref name="now"/>.
    /// </summary>
    /// <exception cref="FormatException"><paramref name="namedDate"/> is not a <c>yyyy-MM-dd</c> date.</exception>
    public static DateOnly ResolveDate(string? namedDate, DateTimeOffset? time, DateTimeOffset now)
    {
        if (namedDate is not null)
        {
            return DateOnly.ParseExact(namedDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return DateOnly.FromDateTime((time ?? now).UtcDateTime).AddDays(-1);
    }
}
