namespace Flint.Benchmarks;

/// <summary>
/// How this run was asked for, set by <see cref="Program"/> in the host process before BenchmarkDotNet reads the
/// suites' configs and parameter sources (both are evaluated in the host, so child processes need none of it).
/// </summary>
internal static class BenchMode
{
    /// <summary>Each benchmark once, in process: the CI check that the suites still run.</summary>
    public static bool Smoke { get; set; }

    /// <summary>Run every suite in this process (no generated project build); cold-start suites stay out of process.</summary>
    public static bool InProcess { get; set; }

    /// <summary>Object sizes in MiB for the S3 suites (1, 16, 128 by default; 1 in smoke mode).</summary>
    public static int[] SizesMB { get; set; } = [1, 16, 128];

    /// <summary>The S3ReadParse layouts to run (all unless <c>--layouts</c> names some).</summary>
    public static LogLayout[] Layouts { get; set; } = Enum.GetValues<LogLayout>();
}
