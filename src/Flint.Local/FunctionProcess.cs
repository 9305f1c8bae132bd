using System.Diagnostics;
using System.Globalization;

namespace Flint.Local;

/// <summary>One spawned bootstrap: its timestamps, its output lines, its exit. Mutable state is guarded by the function's lock.</summary>
internal sealed class FunctionProcess
{
    private readonly Process process;
    private volatile bool killRequested;

    private FunctionProcess(Process process, long spawnedAt)
    {
        this.process = process;
        SpawnedAt = spawnedAt;
        Id = process.Id;
    }

    /// <summary><see cref="Stopwatch"/> timestamp taken just before the spawn.</summary>
    public long SpawnedAt { get; }

    /// <summary>Timestamp of its first <c>GET /next</c> (the end of Init); 0 before.</summary>
    public long FirstNextAt { get; set; }

    /// <summary>Whether it has been handed an invocation.</summary>
    public bool Delivered { get; set; }

    /// <summary>The body and error type of a <c>POST /runtime/init/error</c>, if it sent one.</summary>
    public (byte[] Body, string? ErrorType)? InitError { get; set; }

    /// <summary>Lines it printed while no invocation was in flight (Init output), handed to the next result.</summary>
    public List<string> OrphanLines { get; } = [];

    public int Id { get; }

    public bool KillRequested => killRequested;

    /// <summary>Spawns <paramref name="fileName"/> with exactly <paramref name="environment"/>; lines and exit are reported through the callbacks.</summary>
    public static FunctionProcess Start(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        Action<FunctionProcess, LogSource, string> onLine,
        Action<FunctionProcess, int> onExit)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var spawnedAt = Stopwatch.GetTimestamp();
        process.Start();
        var started = new FunctionProcess(process, spawnedAt);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(started, LogSource.StandardOutput, e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(started, LogSource.StandardError, e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = started.WatchAsync(onExit);
        return started;
    }

    private long peakRssKiB;

    /// <summary>
    /// Peak resident set size (VmHWM) in KiB: read now, or, once the process is gone, the last reading (taken at each
    /// delivery), so an invocation that ends with the process still reports what it used.
    /// </summary>
    public long ReadPeakRssKiB()
    {
        var now = ReadPeakRssKiB(Id);
        if (now > peakRssKiB)
        {
            peakRssKiB = now;
        }

        return peakRssKiB;
    }

    /// <summary>VmHWM of <paramref name="pid"/> from <c>/proc/pid/status</c>, in KiB; 0 when unreadable.</summary>
    public static long ReadPeakRssKiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var digits = line.AsSpan(6).Trim();
                    digits = digits[..digits.IndexOf(' ')];
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>The CPU time its threads have run so far (see <see cref="ReadCpuTime(int)"/>).</summary>
    public TimeSpan? ReadCpuTime() => ReadCpuTime(Id);

    /// <summary>
    /// CPU time (user + system) of <paramref name="pid"/>'s threads, summed from <c>/proc/pid/task/*/schedstat</c>
    /// (nanoseconds; <c>/proc/pid/stat</c> counts in 10 ms ticks, too coarse for a few-millisecond Init). Threads that
    /// have already exited are not counted. Null when unreadable (not Linux, or the process is gone).
    /// </summary>
    public static TimeSpan? ReadCpuTime(int pid)
    {
        long nanoseconds = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
            {
                nanoseconds += ThreadCpuNanoseconds(task);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process is gone
        }

        // All zeros: a kernel without scheduler statistics, not a process that never ran.
        return nanoseconds > 0 ? TimeSpan.FromTicks(nanoseconds / 100) : null;
    }

    /// <summary>The first field of a thread's schedstat (ns on the CPU); 0 for a thread that exited meanwhile.</summary>
    private static long ThreadCpuNanoseconds(string task)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(task, "schedstat")).AsSpan();
            var space = text.IndexOf(' ');
            return space > 0 && long.TryParse(text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var ns) ? ns : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Kills it (timeout, reset, shutdown); the exit callback still runs.</summary>
    public void Kill()
    {
        killRequested = true;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Completes when the process has exited and its output is drained.</summary>
    public Task Exited { get; private set; } = Task.CompletedTask;

    private Task WatchAsync(Action<FunctionProcess, int> onExit)
    {
        Exited = WatchCoreAsync(onExit);
        return Exited;
    }

    private async Task WatchCoreAsync(Action<FunctionProcess, int> onExit)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        var code = process.ExitCode;
        process.Dispose();
        onExit(this, code);
    }
}
