namespace Flint.Cli.LambdaReports;

/// <summary>The values of one Lambda <c>REPORT</c> line. Durations in milliseconds, memory in MB as Lambda prints it.</summary>
internal sealed record ReportLine(
    string RequestId,
    double DurationMs,
    double BilledDurationMs,
    int MemorySizeMb,
    int MaxMemoryUsedMb,
    double? InitDurationMs = null,
    double? RestoreDurationMs = null,
    string? Status = null,
    string? ErrorType = null,
    string? TraceId = null)
{
    /// <summary>A cold start: the line carries an Init Duration (or a SnapStart Restore Duration).</summary>
    public bool IsCold => InitDurationMs is not null || RestoreDurationMs is not null;
}
