using System.Text;
using Flint.Local;

namespace Flint.Cli.ColdStarts;

/// <summary>One cold start of one variant, and the warm invocations that followed it in the same process.</summary>
/// <param name="Round">0-based round of the interleaved schedule.</param>
/// <param name="InitMs">Spawn → first <c>GET /next</c>.</param>
/// <param name="FirstInvokeMs">Event delivered → response received, on the cold process.</param>
/// <param name="ColdTotalMs">Spawn → first response received.</param>
/// <param name="PeakRssKiB">The process's VmHWM after its last invocation.</param>
/// <param name="WarmMs">Event delivered → response, for each warm invocation.</param>
/// <param name="CpuMs">CPU time (user + system, all threads) the process had used when its first response arrived; NaN when unreadable.</param>
internal sealed record ColdRun(int Round, double InitMs, double FirstInvokeMs, double ColdTotalMs, long PeakRssKiB, IReadOnlyList<double> WarmMs, double CpuMs = double.NaN);

/// <summary>Runs N cold starts of every variant under Flint.Local on loopback, interleaved (A B C … A B C) so drift hits all alike.</summary>
internal static class ColdStartRunner
{
    /// <summary>Measures; one untimed round first warms the page cache and the emulator.</summary>
    /// <param name="variants">The built variants, measured in this order within each round.</param>
    /// <param name="function">The function's handler and event.</param>
    /// <param name="runs">Cold starts per variant.</param>
    /// <param name="warm">Warm invocations after each cold start.</param>
    /// <param name="environment">A variant's environment variables (e.g. the S3 endpoint, over HTTP or TLS, of the digest).</param>
    /// <param name="onRun">Called after each run (variant name, completed runs so far).</param>
    /// <param name="cancellationToken">Stops the measurement.</param>
    public static async Task<IReadOnlyDictionary<string, List<ColdRun>>> RunAsync(
        IReadOnlyList<BuiltVariant> variants, FunctionUnderTest function, int runs, int warm, Func<Variant, IReadOnlyDictionary<string, string>> environment, Action<string, int> onRun, CancellationToken cancellationToken)
    {
        var samples = variants.ToDictionary(v => v.Variant.Name, _ => new List<ColdRun>());
        // A reference variant (hello next to an S3 function) runs its own function: its handler, event and check.
        var functions = variants.ToDictionary(v => v.Variant.Name, v => v.Variant.Reference ?? function);
        var payloads = functions.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value.Payload));
        await using var lambda = await LambdaEmulator.StartAsync(cancellationToken: cancellationToken);
        foreach (var built in variants)
        {
            await lambda.AddFunctionAsync(new FunctionDefinition
            {
                Name = built.Variant.Name,
                BootstrapPath = built.BootstrapPath,
                Handler = functions[built.Variant.Name].Handler,
                MemoryMB = 128,
                Timeout = TimeSpan.FromSeconds(60),
                Environment = environment(built.Variant),
            }, cancellationToken);
        }

        for (var round = -1; round < runs; round++)
        {
            foreach (var built in variants)
            {
                var name = built.Variant.Name;
                var payload = payloads[name];
                var mustContain = functions[name].ResponseMustContain;
                await lambda.ResetAsync(name);
                var cold = await lambda.InvokeAsync(name, payload, cancellationToken: cancellationToken);
                var report = Check(name, cold, cold: true, mustContain);
                var warmMs = new List<double>(warm);
                var peak = report.MaxRssKiB;
                for (var i = 0; i < warm; i++)
                {
                    var hot = Check(name, await lambda.InvokeAsync(name, payload, cancellationToken: cancellationToken), cold: false, mustContain);
                    warmMs.Add(hot.DeliveredToResponse.TotalMilliseconds);
                    peak = Math.Max(peak, hot.MaxRssKiB);
                }

                if (round >= 0)
                {
                    samples[name].Add(new ColdRun(round, report.SpawnToFirstNext!.Value.TotalMilliseconds, report.DeliveredToResponse.TotalMilliseconds,
                        report.SpawnToResponse!.Value.TotalMilliseconds, peak, warmMs, report.CpuToResponse?.TotalMilliseconds ?? double.NaN));
                    onRun(name, samples[name].Count);
                }
            }
        }

        foreach (var built in variants)
        {
            await lambda.ResetAsync(built.Variant.Name);
        }

        return samples;
    }

    private static InvocationReport Check(string name, InvocationResult result, bool cold, string? mustContain)
    {
        if (result.FunctionError is not null || result.Report is null)
        {
            throw new ColdStartException($"{name}: the invocation failed: {result.PayloadText} {string.Join(" | ", result.Logs.TakeLast(5))}");
        }

        if (mustContain is not null && !result.PayloadText.Contains(mustContain, StringComparison.Ordinal))
        {
            throw new ColdStartException($"{name}: the response lacks {mustContain}: {result.PayloadText}");
        }

        if (result.Report.Cold != cold || (cold && result.Report.SpawnToFirstNext is null))
        {
            throw new ColdStartException($"{name}: expected a {(cold ? "cold" : "warm")} invocation, got {result.Report}");
        }

        return result.Report;
    }
}

/// <summary>A variant that could not be built or measured.</summary>
internal sealed class ColdStartException(string message) : Exception(message);
