using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flint.Events;

/// <summary>
/// An EventBridge event as delivered to a function, e.g. a scheduled rule's
/// <c>"detail-type": "Scheduled Event"</c>.
/// </summary>
public sealed record ScheduledEvent
{
    /// <summary>Envelope version, <c>"0"</c> today.</summary>
    public string? Version { get; init; }

    /// <summary>Unique id of this event.</summary>
    public string? Id { get; init; }

    /// <summary>What kind of event it is, e.g. <c>Scheduled Event</c>.</summary>
    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    /// <summary>Who sent it, e.g. <c>aws.events</c> or <c>aws.scheduler</c>.</summary>
    public string? Source { get; init; }

    /// <summary>Account id of the rule or schedule.</summary>
    public string? Account { get; init; }

    /// <summary>When the event happened (for a schedule: the scheduled time).</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>Region of the rule or schedule.</summary>
    public string? Region { get; init; }

    /// <summary>ARNs the event is about (for a schedule: the rule's ARN).</summary>
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>Event-specific payload, kept as raw JSON (<c>{}</c> for a scheduled rule).</summary>
    public JsonElement? Detail { get; init; }
}
