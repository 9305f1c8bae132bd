using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flint.Events;

/// <summary>
/// What a scheduled job receives: either EventBridge Scheduler's custom input
/// (<c>{"date":"2026-11-27"}</c>, to run or re-run a given day) or a plain
/// scheduled event (<see cref="ScheduledEvent"/>'s shape). Both deserialize
/// into this one type, so a handler takes <c>ScheduleInput</c> and calls
/// <see cref="ResolveDate"/>.
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

        if (Detail is { ValueKind: JsonValueKind.Object } detail
            && detail.TryGetProperty("date"u8, out var named)
            && named.ValueKind == JsonValueKind.String)
        {
            return DateOnly.ParseExact(named.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        var at = (Time ?? now).UtcDateTime;
        return DateOnly.FromDateTime(at).AddDays(-1);
    }
}
