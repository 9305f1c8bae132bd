using Flint.Cli.Benchmarks;

namespace Flint.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Smoke_run_passes_smoke_and_the_filter_to_the_benchmark_project()
    {
        var args = BenchCommand.Arguments(smoke: true, ["*Startup*", "*Serialization*"], output: "/tmp/bench");

        Assert.Equal(["run", "-c", "Release", "--project", "bench/Flint.Benchmarks", "--", "--smoke", "--out", "/tmp/bench", "--filter", "*Startup*", "*Serialization*"], args);
    }

    [Fact]
    public void Full_run_leaves_the_output_to_the_suites_default()
    {
        var args = BenchCommand.Arguments(smoke: false, ["*"], output: null);

        Assert.Equal(["run", "-c", "Release", "--project", "bench/Flint.Benchmarks", "--", "--filter", "*"], args);
    }
}
