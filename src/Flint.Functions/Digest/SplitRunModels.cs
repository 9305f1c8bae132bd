namespace Flint.Functions.Digest;

/// <summary>What <c>digest</c> and <c>digest-merge</c> return: where the report is and its headline numbers.</summary>
internal sealed record DigestSummary(
    string Date, string ReportBucket, string ReportKey, int Objects, long Requests, long Malformed, double ErrorRate, double? P99Ms);

/// <summary>
/// <c>digest-plan</c>'s result: the bucket and prefix for a map that lists the day's objects itself (ItemReader
/// over ListObjectsV2, each item's <c>Key</c> accepted), the count of <see cref="Objects"/>, and the objects as
/// Distributed Map <see cref="Items"/> unless the input said <c>"listItems": false</c> (then null, and omitted).
/// </summary>
internal sealed record DigestPlan(string Date, string RunId, string Bucket, string Prefix, int Objects, IReadOnlyList<DigestPlanItem>? Items);

/// <summary>One object to digest in the split run.</summary>
internal sealed record DigestPlanItem(string Date, string RunId, string Key);

/// <summary>
/// <c>digest-part</c>'s input: one item (<c>{date, runId, key}</c>), several keys (<c>keys</c>), or a
/// Distributed Map batch (<c>{"Items":[{key…}], "BatchInput":{date, runId}}</c>).
/// </summary>
internal sealed class DigestPartInput
{
    public string? Date { get; set; }

    public string? RunId { get; set; }

    public string? Key { get; set; }

    public List<string>? Keys { get; set; }

    public List<DigestPartInput>? Items { get; set; }

    public DigestPartInput? BatchInput { get; set; }
}

/// <summary><c>digest-part</c>'s result: where its partial aggregate is, and its counts.</summary>
internal sealed record DigestPartResult(string Date, string RunId, string PartKey, int Objects, long Requests, long Malformed);

/// <summary>
/// <c>digest-merge</c>'s input: the date, and either the part results (<c>parts</c>, the map's output) or
/// the <c>runId</c> whose partials are listed from S3 (for maps whose output is too large to pass on).
/// </summary>
internal sealed class DigestMergeInput
{
    public string? Date { get; set; }

    public string? RunId { get; set; }

    public List<DigestMergePart>? Parts { get; set; }
}

/// <summary>A partial to merge (a <see cref="DigestPartResult"/> as the map returns it; only its key is read).</summary>
internal sealed class DigestMergePart
{
    public string? PartKey { get; set; }
}
