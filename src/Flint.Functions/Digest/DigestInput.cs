namespace Flint.Functions.Digest;

/// <summary>
/// What starts a digest: an EventBridge scheduled event (its <c>time</c>), EventBridge Scheduler's custom
/// input, or a manual re-run naming a <c>date</c>. Unknown fields are ignored, so the whole scheduled
/// event can be passed as is.
/// </summary>
/// <example><c>{"date":"2026-11-27"}</c> re-runs 27 November 2026.</example>
internal sealed class DigestInput
{
    /// <summary>The day to digest (yyyy-MM-dd); wins over everything else.</summary>
    public string? Date { get; set; }

    /// <summary>The schedule time (EventBridge's <c>time</c>); the digest covers the UTC day before it.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>EventBridge's <c>detail</c>; a <c>detail.date</c> counts as <see cref="Date"/>.</summary>
    public DigestInputDetail? Detail { get; set; }

    /// <summary>
    /// <c>digest-plan</c> only: <c>false</c> leaves the key list (<c>items</c>) out of the plan, so a large day stays
    /// under Step Functions' 256 KB state limit when the map lists S3 itself; absent or <c>true</c> keeps it.
    /// </summary>
    public bool? ListItems { get; set; }
}

/// <summary>The part of an event's <c>detail</c> that a digest reads.</summary>
internal sealed class DigestInputDetail
{
    public string? Date { get; set; }
}
