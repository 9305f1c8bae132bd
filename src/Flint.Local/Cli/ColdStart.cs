using System.Globalization;

namespace Flint.Local.Cli;

/// <summary>
/// The quick cold-start comparison: every function N times, interleaved (A B C A B C …) so drift hits all alike,
/// each one cold (its process stopped first). Prints medians of init (spawn → first GET /next), first response
/// (spawn → response received) and peak RSS, and the ratios of the init medians.
/// </summary>
internal static class ColdStart
{
    public static async Task<int> RunAsync(LambdaEmulator emulator, IReadOnlyList<FunctionDefinition> functions, int rounds, byte[] payload, TextWriter output)
    {
        var samples = functions.ToDictionary(f => f.Name, _ => new List<InvocationReport>());
        for (var round = -1; round < rounds; round++) // round -1 warms the page cache and is not counted
        {
            foreach (var function in functions)
            {
                await emulator.ResetAsync(function.Name).ConfigureAwait(false);
                var result = await emulator.InvokeAsync(function.Name, payload).ConfigureAwait(false);
                if (result.FunctionError is not null || result.Report is not { Cold: true } report)
                {
                    await output.WriteLineAsync($"{function.Name}: invocation failed: {result.PayloadText}").ConfigureAwait(false);
                    return 1;
                }

                if (round >= 0)
                {
                    samples[function.Name].Add(report);
                }
            }
        }

        foreach (var function in functions)
        {
            await emulator.ResetAsync(function.Name).ConfigureAwait(false);
        }

        var inv = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(inv, $"cold starts: {rounds} per function, interleaved; medians")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"{"function",-16} {"init ms",9} {"first response ms",18} {"peak RSS MB",12} {"bootstrap MB",13}")).ConfigureAwait(false);
        var inits = new Dictionary<string, double>();
        foreach (var function in functions)
        {
            var reports = samples[function.Name];
            var init = Median(reports.Select(r => r.SpawnToFirstNext!.Value.TotalMilliseconds));
            var first = Median(reports.Select(r => r.SpawnToResponse!.Value.TotalMilliseconds));
            var rss = Median(reports.Select(r => r.MaxRssKiB / 1024.0));
            var size = new FileInfo(function.BootstrapPath!).Length / (1024.0 * 1024.0);
            inits[function.Name] = init;
            await output.WriteLineAsync(string.Create(inv, $"{function.Name,-16} {init,9:F2} {first,18:F2} {rss,12:F1} {size,13:F2}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync("init ratios (row / column):").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(inv, $"{"",-16}") + string.Concat(functions.Select(f => string.Create(inv, $" {f.Name,12}")))).ConfigureAwait(false);
        foreach (var row in functions)
        {
            await output.WriteLineAsync(string.Create(inv, $"{row.Name,-16}") + string.Concat(functions.Select(col => string.Create(inv, $" {inits[row.Name] / inits[col.Name],12:F2}")))).ConfigureAwait(false);
        }

        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
