namespace Flint.Cli.LambdaReports;

/// <summary>One REPORT line with where it came from and the group it belongs to.</summary>
internal sealed record ReportSample(
    string Function,
    string Version,
    string Architecture,
    string? LogStream,
    DateTimeOffset? Timestamp,
    string Location,
    ReportLine Line)
{
    public GroupKey Group => new(Function, Version, Line.MemorySizeMb, Architecture);
}

/// <summary>What samples are grouped by: the function, its version, its memory size and its architecture.</summary>
internal readonly record struct GroupKey(string Function, string Version, int MemorySizeMb, string Architecture)
{
    public override string ToString() => $"{Function} · {Version} · {MemorySizeMb} MB · {Architecture}";
}

/// <summary>A line that looked like a REPORT line (or a record of an export) but could not be read.</summary>
internal sealed record MalformedLine(string Location, string Problem, string Text);
