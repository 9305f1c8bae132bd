namespace Flint.Cli.LambdaReports;

/// <summary>
/// One record of an export, before REPORT parsing: a message with whatever context its format carries
/// (log group, log stream, timestamp), or — for Logs Insights queries that parse the fields — the fields themselves.
/// </summary>
internal sealed record LogRecord(
    string Location,
    string? Message,
    string? LogGroup = null,
    string? LogStream = null,
    DateTimeOffset? Timestamp = null,
    IReadOnlyDictionary<string, string>? InsightsFields = null);
