using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Flint.Benchmarks;

/// <summary>The jobs of each kind of suite, full or smoke.</summary>
internal static class BenchJobs
{
    /// <summary>Smoke: each benchmark once (one warm-up, one measured op), in this process.</summary>
    public static Job Smoke() => Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke");

    /// <summary>Throughput suites: enough iterations for a median on a noisy machine, one process.</summary>
    public static Job Throughput()
    {
        var job = Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(12).WithId("Throughput");
        return BenchMode.InProcess ? job.WithToolchain(InProcessEmitToolchain.Instance) : job;
    }

    /// <summary>Start-up: every operation is one cold child process; no unrolling, no overhead subtraction.</summary>
    public static Job Monitoring()
    {
        var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(20).WithId("Monitoring");
        return BenchMode.InProcess ? job.WithToolchain(InProcessEmitToolchain.Instance) : job;
    }

    /// <summary>In-process first-call costs: each launch is a fresh process and measures its one and only call.</summary>
    public static Job ColdStart() =>
        Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(8).WithWarmupCount(0).WithIterationCount(1).WithId("ColdStart");
}

/// <summary>Throughput suites (S3 read/parse, runtime loop, serialization) with the MB/s column.</summary>
internal sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddJob(BenchMode.Smoke ? BenchJobs.Smoke() : BenchJobs.Throughput());
        AddColumn(new ThroughputColumn());
    }
}

/// <summary>Spawn-to-first-response suites.</summary>
internal sealed class MonitoringConfig : ManualConfig
{
    public MonitoringConfig() => AddJob(BenchMode.Smoke ? BenchJobs.Smoke() : BenchJobs.Monitoring());
}

/// <summary>First-call costs that only a fresh process shows.</summary>
internal sealed class ColdStartConfig : ManualConfig
{
    public ColdStartConfig() => AddJob(BenchMode.Smoke ? BenchJobs.Smoke() : BenchJobs.ColdStart());
}
