using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flint.Local;

/// <summary>
/// One invocation's REPORT data, as Lambda prints it, plus the raw timings a cold-start harness needs.
/// </summary>
public sealed partial record InvocationReport
{
    /// <summary>The request id.</summary>
    public required string RequestId { get; init; }

    /// <summary>Event delivered (end of the <c>GET /next</c> response) → response received, in ms.</summary>
    public required double DurationMs { get; init; }

    /// <summary>Lambda bills custom runtimes for Init too: ceil(Duration + Init Duration).</summary>
    public required long BilledDurationMs { get; init; }

    /// <summary>The configured memory.</summary>
    public required int MemorySizeMB { get; init; }

    /// <summary>The process's peak RSS (VmHWM) in MB, rounded up.</summary>
    public required long MaxMemoryUsedMB { get; init; }

    /// <summary>Spawn → first <c>GET /next</c>, in ms; only on a cold invocation.</summary>
    public double? InitDurationMs { get; init; }

    /// <summary>Null when the runtime answered; <c>error</c> (with <see cref="ErrorType"/>) or <c>timeout</c> otherwise.</summary>
    public string? Status { get; init; }

    /// <summary>The platform error type, e.g. <c>Runtime.ExitError</c>, when <see cref="Status"/> is <c>error</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Raw: spawn → first <c>GET /next</c> (the Init phase), on a cold invocation.</summary>
    public TimeSpan? SpawnToFirstNext { get; init; }

    /// <summary>Raw: spawn → response received, on a cold invocation (what a caller of a cold function waits, minus the emulator).</summary>
    public TimeSpan? SpawnToResponse { get; init; }

    /// <summary>Raw: event delivered → response received.</summary>
    public TimeSpan DeliveredToResponse { get; init; }

    /// <summary>Raw: the process's VmHWM in KiB when the invocation ended (0 when unknown).</summary>
    public long MaxRssKiB { get; init; }

    /// <summary>
    /// Raw, on a cold invocation: the CPU time (user + system, all its threads) the process had used when its first
    /// response arrived — what a cold start costs the machine, which the speed of the servers it called cannot blur.
    /// Null when unreadable (Linux's <c>/proc</c> only).
    /// </summary>
    public TimeSpan? CpuToResponse { get; init; }

    /// <summary>The process that served the invocation, when the emulator spawned it.</summary>
    public int? ProcessId { get; init; }

    /// <summary>Whether this invocation started a new process (an Init phase ran first).</summary>
    public bool Cold => InitDurationMs is not null;

    /// <summary>The line exactly as Lambda prints it (tab-separated fields).</summary>
    public string ToLine()
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"REPORT RequestId: {RequestId}\tDuration: {DurationMs:F2} ms\tBilled Duration: {BilledDurationMs} ms\t");
        line.Append(CultureInfo.InvariantCulture, $"Memory Size: {MemorySizeMB} MB\tMax Memory Used: {MaxMemoryUsedMB} MB\t");
        if (InitDurationMs is { } init)
        {
            line.Append(CultureInfo.InvariantCulture, $"Init Duration: {init:F2} ms\t");
        }

        if (Status is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $"Status: {Status}\t");
            if (ErrorType is not null)
            {
                line.Append(CultureInfo.InvariantCulture, $"Error Type: {ErrorType}\t");
            }
        }

        return line.ToString().TrimEnd('\t');
    }

    /// <inheritdoc />
    public override string ToString() => ToLine();

    /// <summary>Reads a REPORT line (Lambda's or the emulator's); null when <paramref name="line"/> is not one.</summary>
    public static InvocationReport? Parse(string line)
    {
        var match = ReportPattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        static double Number(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);
        return new InvocationReport
        {
            RequestId = match.Groups["id"].Value,
            DurationMs = Number(match.Groups["duration"]),
            BilledDurationMs = (long)Number(match.Groups["billed"]),
            MemorySizeMB = (int)Number(match.Groups["memory"]),
            MaxMemoryUsedMB = (long)Number(match.Groups["used"]),
            InitDurationMs = match.Groups["init"].Success ? Number(match.Groups["init"]) : null,
            Status = match.Groups["status"].Success ? match.Groups["status"].Value : null,
            ErrorType = match.Groups["error"].Success ? match.Groups["error"].Value : null,
        };
    }

    [GeneratedRegex(@"^REPORT RequestId: (?<id>\S+)\s+Duration: (?<duration>[\d.]+) ms\s+Billed Duration: (?<billed>\d+) ms\s+Memory Size: (?<memory>\d+) MB\s+Max Memory Used: (?<used>\d+) MB(\s+Init Duration: (?<init>[\d.]+) ms)?(\s+Status: (?<status>\w+))?(\s+Error Type: (?<error>\S+))?", RegexOptions.CultureInvariant)]
    private static partial Regex ReportPattern();
}
