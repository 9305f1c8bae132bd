using System.Globalization;
using System.Text;
using System.Text.Json;
using Flint.Cli.Charts;
using Flint.Cli.Stats;

namespace Flint.Cli.ColdStarts;

/// <summary>The measurements of one variant, summarised.</summary>
internal sealed record VariantResult(BuiltVariant Built, IReadOnlyList<ColdRun> Runs)
{
    public string Name => Built.Variant.Name;

    public Summary Init => Summary.Of(Runs.Select(r => r.InitMs));

    public Summary FirstInvoke => Summary.Of(Runs.Select(r => r.FirstInvokeMs));

    public Summary ColdTotal => Summary.Of(Runs.Select(r => r.ColdTotalMs));

    public Summary Warm => Summary.Of(Runs.SelectMany(r => r.WarmMs));

    public Summary PeakRssMb => Summary.Of(Runs.Select(r => r.PeakRssKiB / 1024.0));

    /// <summary>CPU time to the first response; runs where it could not be read are left out.</summary>
    public Summary Cpu => Summary.Of(Runs.Select(r => r.CpuMs).Where(ms => !double.IsNaN(ms)));
}

/// <summary>Writes <c>&lt;stem&gt;.md</c>, <c>.json</c> (every raw sample) and the charts (PNG + SVG) of a cold-start run.</summary>
internal static class ColdStartReport
{
    public static IReadOnlyList<string> Write(string stem, IReadOnlyList<VariantResult> results, FunctionUnderTest function, int runs, int warm, MachineInfo machine, DateTimeOffset when)
    {
        var written = new List<string>();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(stem))!);
        written.AddRange(ChartWriter.BoxPlot(stem + "-init", $"Init (spawn → first GET /next), {function.Name}, {runs} cold starts each", "ms",
            results.Select(r => (r.Name, (IReadOnlyList<double>)r.Runs.Select(x => x.InitMs).ToArray())).ToArray()));
        written.AddRange(ChartWriter.Bars(stem + "-rss", "Peak RSS (VmHWM), median", "MB", results.Select(r => (r.Name, r.PeakRssMb.P50)).ToArray()));
        written.AddRange(ChartWriter.Bars(stem + "-size", "Deployment zip size", "MB", results.Select(r => (r.Name, r.Built.ZipBytes / 1048576.0)).ToArray()));

        File.WriteAllText(stem + ".md", Markdown(stem, results, function, runs, warm, machine, when));
        written.Add(stem + ".md");
        using (var stream = File.Create(stem + ".json"))
        {
            Json(stream, results, function, runs, warm, machine, when);
        }

        written.Add(stem + ".json");
        return written;
    }

    internal static string Markdown(string stem, IReadOnlyList<VariantResult> results, FunctionUnderTest function, int runs, int warm, MachineInfo machine, DateTimeOffset when)
    {
        var inv = CultureInfo.InvariantCulture;
        var floor = results.FirstOrDefault(r => r.Name == Variant.Floor);
        var baseline = results.FirstOrDefault(r => r.Name == Variant.Default);
        var hello = results.FirstOrDefault(r => r.Name == Variant.HelloReference);
        var md = new StringBuilder();
        md.AppendLine(inv, $"# Cold starts: {function.Name}, {when:yyyy-MM-dd}").AppendLine();
        md.AppendLine(string.Create(inv, $"{runs} cold starts per variant under Flint.Local on loopback, interleaved (one round of every variant, then the next), ")
            + string.Create(inv, $"after one untimed warm-up round; {warm} warm invocations after each cold start.")
            + " Percentiles are nearest-rank over the runs; "
            + "compare variants by their ratios — absolute times depend on the machine.").AppendLine();
        md.AppendLine(inv, $"Machine: {machine.Cpu}, {machine.Cores} cores, Linux {machine.Kernel} ({machine.Os}), .NET SDK {machine.DotnetSdk} ({machine.DotnetRuntime}); load average {machine.LoadAverage} when the report was written.").AppendLine();
        md.AppendLine("- **init**: process spawn → its first `GET /runtime/invocation/next` (Lambda's Init phase)");
        md.AppendLine("- **first invoke**: event delivered → response received, in the cold process");
        md.AppendLine("- **cold total**: spawn → first response received");
        md.AppendLine("- **CPU**: user + system time of all the bootstrap's threads from spawn to its first response (`/proc/pid/task/*/schedstat` when the response arrives): what the cold start costs the CPU, which the speed of the servers it calls cannot blur; on Lambda a 512 MB function gets about a third of a vCPU, so each CPU millisecond here is about three there");
        md.AppendLine("- **warm**: event delivered → response received, the warm invocations pooled");
        md.AppendLine("- **peak RSS**: the process's VmHWM after its last invocation; **deployed**: the files a zip would hold, unzipped (the bootstrap alone for native variants; the framework is not counted for `jit`, as the managed runtime provides it); **zip**: those files zipped").AppendLine();

        string[] helloHeader = hello is null ? [] : ["CPU ÷ hello"];
        md.AppendLine(Format.Row(["variant", "n", "init p50 (ms)", "init p99 (ms)", "first invoke p50 (ms)", "cold total p50 (ms)", "CPU p50 (ms)", "warm p50 (ms)", "warm p99 (ms)",
            "peak RSS p50 (MB)", "deployed (MB)", "zip (MB)", "init ÷ floor", "init ÷ aot", .. helloHeader]));
        md.AppendLine(Format.Row(["---", .. Enumerable.Repeat("---:", 13 + helloHeader.Length)]));
        foreach (var r in results)
        {
            string[] helloCell = hello is null ? [] : [Format.Ratio(r.Cpu.P50 / hello.Cpu.P50)];
            md.AppendLine(Format.Row([$"`{r.Name}`", r.Runs.Count.ToString(inv), Format.Ms(r.Init.P50), Format.Ms(r.Init.P99), Format.Ms(r.FirstInvoke.P50),
                Format.Ms(r.ColdTotal.P50), Format.Ms(r.Cpu.P50), Format.Ms(r.Warm.P50), Format.Ms(r.Warm.P99), r.PeakRssMb.P50.ToString("0.0", inv),
                Format.Mb(r.Built.DeployedBytes), Format.Mb(r.Built.ZipBytes),
                Format.Ratio(floor is null ? double.NaN : r.Init.P50 / floor.Init.P50), Format.Ratio(baseline is null ? double.NaN : r.Init.P50 / baseline.Init.P50), .. helloCell]));
        }

        if (InitBreakdown(results) is { } breakdown)
        {
            md.AppendLine().AppendLine(breakdown);
        }

        foreach (var (title, pick) in new (string, Func<VariantResult, Summary>)[]
        {
            ("init (ms)", r => r.Init), ("first invoke (ms)", r => r.FirstInvoke), ("cold total (ms)", r => r.ColdTotal),
            ("CPU to first response (ms)", r => r.Cpu), ("warm invoke (ms)", r => r.Warm), ("peak RSS (MB)", r => r.PeakRssMb),
        })
        {
            string[] helloColumn = hello is null ? [] : ["p50 ÷ hello"];
            md.AppendLine().AppendLine(inv, $"## {title}").AppendLine();
            md.AppendLine(Format.Row(["variant", "n", "p50", "p90", "p99", "min", "max", "p50 ÷ floor", "p50 ÷ aot", .. helloColumn]));
            md.AppendLine(Format.Row(["---", .. Enumerable.Repeat("---:", 8 + helloColumn.Length)]));
            foreach (var r in results)
            {
                var s = pick(r);
                string[] helloCell = hello is null ? [] : [Format.Ratio(s.P50 / pick(hello).P50)];
                md.AppendLine(Format.Row([$"`{r.Name}`", s.Count.ToString(inv), Format.Ms(s.P50), Format.Ms(s.P90), Format.Ms(s.P99), Format.Ms(s.Min), Format.Ms(s.Max),
                    Format.Ratio(floor is null ? double.NaN : s.P50 / pick(floor).P50), Format.Ratio(baseline is null ? double.NaN : s.P50 / pick(baseline).P50), .. helloCell]));
            }
        }

        md.AppendLine().AppendLine("## Variants").AppendLine();
        foreach (var r in results)
        {
            md.AppendLine(string.Create(inv, $"- `{r.Name}`: {r.Built.Variant.Description}; {string.Join(' ', r.Built.Variant.Properties)} (source hash {r.Built.Hash}); ")
                + string.Create(inv, $"{Format.Mb(r.Built.DeployedBytes)} MB deployed unzipped"));
        }

        var name = Path.GetFileName(stem);
        md.AppendLine().AppendLine("## Charts").AppendLine();
        md.AppendLine(inv, $"![init per variant]({name}-init.svg)").AppendLine();
        md.AppendLine(inv, $"![peak RSS]({name}-rss.svg) ![zip size]({name}-size.svg)");
        return md.ToString();
    }

    /// <summary>
    /// aot's init split by the two floors: the C floor (exec, loader, connect), what the .NET runtime's own start adds
    /// (dotnet-floor over floor) and what Flint adds (aot over dotnet-floor); null unless all three were measured.
    /// </summary>
    internal static string? InitBreakdown(IReadOnlyList<VariantResult> results)
    {
        var floor = results.FirstOrDefault(r => r.Name == Variant.Floor);
        var dotnet = results.FirstOrDefault(r => r.Name == Variant.DotnetFloor);
        var aot = results.FirstOrDefault(r => r.Name == Variant.Default);
        if (floor is null || dotnet is null || aot is null)
        {
            return null;
        }

        double c = floor.Init.P50, net = dotnet.Init.P50, flint = aot.Init.P50;
        return string.Create(CultureInfo.InvariantCulture,
            $"**Where `aot`'s init goes** (differences of the p50s): {Format.Ms(c)} ms the C floor (exec, loader, connect, `GET /next`) {Plus(net - c)} ms the .NET runtime's own start (`dotnet-floor` − `floor`) {Plus(flint - net)} ms Flint (`aot` − `dotnet-floor`) = {Format.Ms(flint)} ms.");

        // A noisy run can put a floor above what it floors: show "− 0.20", not "+ -0.20".
        static string Plus(double ms) => ms < 0 ? "− " + Format.Ms(-ms) : "+ " + Format.Ms(ms);
    }

    private static void Json(Stream stream, IReadOnlyList<VariantResult> results, FunctionUnderTest function, int runs, int warm, MachineInfo machine, DateTimeOffset when)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("date", when);
        json.WriteString("function", function.Name);
        json.WriteNumber("runs", runs);
        json.WriteNumber("warmInvocations", warm);
        json.WriteStartObject("machine");
        json.WriteString("cpu", machine.Cpu);
        json.WriteNumber("cores", machine.Cores);
        json.WriteString("kernel", machine.Kernel);
        json.WriteString("os", machine.Os);
        json.WriteString("dotnetSdk", machine.DotnetSdk);
        json.WriteString("dotnetRuntime", machine.DotnetRuntime);
        json.WriteString("loadAverage", machine.LoadAverage);
        json.WriteEndObject();
        json.WriteStartArray("variants");
        foreach (var r in results)
        {
            json.WriteStartObject();
            json.WriteString("name", r.Name);
            json.WriteString("description", r.Built.Variant.Description);
            json.WriteString("sourceHash", r.Built.Hash);
            json.WriteNumber("bootstrapBytes", r.Built.BootstrapBytes);
            json.WriteNumber("deployedBytes", r.Built.DeployedBytes);
            json.WriteNumber("zipBytes", r.Built.ZipBytes);
            json.WriteSummary("initMs", r.Init);
            json.WriteSummary("firstInvokeMs", r.FirstInvoke);
            json.WriteSummary("coldTotalMs", r.ColdTotal);
            json.WriteSummary("warmMs", r.Warm);
            json.WriteSummary("peakRssMb", r.PeakRssMb);
            json.WriteSummary("cpuMs", r.Cpu);
            json.WriteStartArray("runs");
            foreach (var run in r.Runs)
            {
                json.WriteStartObject();
                json.WriteNumber("round", run.Round);
                json.WriteNumber("initMs", run.InitMs);
                json.WriteNumber("firstInvokeMs", run.FirstInvokeMs);
                json.WriteNumber("coldTotalMs", run.ColdTotalMs);
                json.WriteNumber("peakRssKiB", run.PeakRssKiB);
                if (!double.IsNaN(run.CpuMs))
                {
                    json.WriteNumber("cpuMs", run.CpuMs);
                }

                json.WriteStartArray("warmMs");
                foreach (var w in run.WarmMs)
                {
                    json.WriteNumberValue(w);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
