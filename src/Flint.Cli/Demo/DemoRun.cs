using Flint.Cli.Moto;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Flint.Local;
using Spectre.Console;

namespace Flint.Cli.Demo;

/// <summary>The demo's steps, in order, against one moto_server and one Flint.Local.</summary>
internal sealed class DemoRun(IAnsiConsole console, string repoRoot, string motoServer, int records)
{
    private const string LogsBucket = "flint-demo-logs";
    private const string ReportsBucket = "flint-demo-reports";
    private const string HelloMessage = "hello from S3, read by the worker";

    private readonly ConcurrentQueue<(string Function, InvocationReport Report)> reports = new();
    private readonly ConcurrentQueue<EmulatorLogLine> logLines = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // 1. The bootstrap.
        Step("1/6 publish src/Flint.Functions (Native AOT, linux-x64)");
        var bootstrap = DemoBootstrap.Publish(repoRoot, cancellationToken);
        var size = new FileInfo(bootstrap.Path).Length / (1024.0 * 1024.0);
        Say(bootstrap.Reused
            ? $"up to date, reused {Rel(bootstrap.Path)} ({size:F1} MB)"
            : $"published {Rel(bootstrap.Path)} ({size:F1} MB) in {bootstrap.Elapsed.TotalSeconds:F1} s");

        // 2. S3 with a day of logs.
        Step("2/6 start moto_server, load yesterday's access logs");
        using var moto = await MotoS3.StartAsync(motoServer, tls: null, cancellationToken);
        await moto.CreateBucketAsync(LogsBucket, cancellationToken);
        await moto.CreateBucketAsync(ReportsBucket, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var day = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        var logs = DemoLogs.Generate(day, records: records);
        foreach (var (key, content) in logs.Objects)
        {
            await moto.PutObjectAsync(LogsBucket, key, content, cancellationToken);
        }

        await moto.PutObjectAsync(LogsBucket, "messages/hello.json", Encoding.UTF8.GetBytes($$"""{"message":"{{HelloMessage}}"}"""), cancellationToken);
        Say($"moto_server at {moto.Endpoint}; s3://{LogsBucket}/{logs.Prefix}: {logs.Objects.Count} objects, {logs.Records} records + {logs.Malformed} malformed lines (seeded)");

        // 3. Lambda.
        Step("3/6 start Flint.Local with digest, api, worker");
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var lambda = await LambdaEmulator.StartAsync(new EmulatorOptions(), cancellationToken);
        lambda.Log += line =>
        {
            logLines.Enqueue(line);
            if (line.Source == LogSource.Platform && InvocationReport.Parse(line.Text) is { } report)
            {
                reports.Enqueue((line.Function, report));
            }
        };
        var aws = new Dictionary<string, string>
        {
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "demo",
            ["AWS_SECRET_ACCESS_KEY"] = "demo",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_ENDPOINT_URL_S3"] = moto.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_LAMBDA"] = lambda.BaseAddress.ToString(),
            ["SOURCE_BUCKET"] = LogsBucket,
            ["REPORT_BUCKET"] = ReportsBucket,
        };
        await AddAsync(lambda, "digest", bootstrap.Path, aws, cancellationToken);
        await AddAsync(lambda, "worker", bootstrap.Path, With(aws, ("READ_PREFIX", "messages/")), cancellationToken);
        await AddAsync(lambda, "api", bootstrap.Path, With(aws, ("API_SECRET", secret), ("WORKER_FUNCTION", "worker")), cancellationToken);
        Say($"Invoke API at {lambda.BaseAddress}; one bootstrap, handlers picked by _HANDLER");

        // 4. The scheduled digest, cold then warm.
        Step("4/6 digest: EventBridge scheduled event for today 08:00 UTC (cold, then warm)");
        var scheduled = ScheduledEvent(new DateTimeOffset(now.UtcDateTime.Date.AddHours(8), TimeSpan.Zero));
        var digestCold = await InvokeAsync(lambda, "digest", scheduled, cancellationToken);
        var digestWarm = await InvokeAsync(lambda, "digest", scheduled, cancellationToken);
        var reportKey = $"reports/{day:yyyy-MM-dd}.json";
        var reportBytes = await moto.GetObjectAsync(ReportsBucket, reportKey, cancellationToken)
            ?? throw new DemoFailedException($"the digest did not write s3://{ReportsBucket}/{reportKey}");
        using (var report = JsonDocument.Parse(reportBytes))
        {
            Say($"s3://{ReportsBucket}/{reportKey}:");
            DemoPrinter.Report(console, report.RootElement);
            var requests = report.RootElement.GetProperty("requests").GetInt64();
            var malformed = report.RootElement.GetProperty("malformed").GetInt64();
            if (requests != logs.Records || malformed != logs.Malformed)
            {
                throw new DemoFailedException($"the report counts {requests} requests and {malformed} malformed; generated {logs.Records} and {logs.Malformed}");
            }

            Say($"check: {requests} requests = {logs.Records + logs.Malformed} generated lines - {malformed} malformed");
        }

        console.WriteLine(digestCold.Report!.ToLine());
        console.WriteLine(digestWarm.Report!.ToLine());

        // 5. The api, forwarding to the worker; then a forged request.
        Step("5/6 api: signed POST /tasks {task:\"read\"} (forwarded to worker), then a bad signature");
        var body = """{"task":"read","key":"messages/hello.json","user":"demo","email":"demo@example.com"}""";
        var (status, answer) = await CallApiAsync(lambda, SignedApiEvent.Create(secret, body, DateTimeOffset.UtcNow), cancellationToken);
        Say($"POST /tasks (signed)        -> {status} {answer}");
        if (status != 200 || !answer.Contains(HelloMessage, StringComparison.Ordinal))
        {
            throw new DemoFailedException($"the signed request answered {status} {answer}; expected 200 with the worker's message");
        }

        var (rejected, why) = await CallApiAsync(lambda, SignedApiEvent.Create(secret, body, DateTimeOffset.UtcNow, tamper: true), cancellationToken);
        Say($"POST /tasks (bad signature) -> {rejected} {why}");
        if (rejected != 401)
        {
            throw new DemoFailedException($"the forged request answered {rejected}; expected 401");
        }

        // A second signed request, so api and worker each have a warm invocation.
        var (again, _) = await CallApiAsync(lambda, SignedApiEvent.Create(secret, body, DateTimeOffset.UtcNow), cancellationToken);
        if (again != 200)
        {
            throw new DemoFailedException($"the second signed request answered {again}");
        }

        foreach (var (function, report) in reports.Where(r => r.Function is "api" or "worker"))
        {
            console.WriteLine($"{function,-6} {report.ToLine()}");
        }

        // 6. Timings.
        Step("6/6 timings");
        DemoPrinter.Timings(console, new[] { "digest", "api", "worker" }.Select(f => (f, Last(f, cold: true), Last(f, cold: false))));
        console.MarkupLine("[green]demo passed[/]");
    }

    /// <summary>The function's last cold or warm invocation (for the api: the warm signed request, not the rejection).</summary>
    private InvocationReport? Last(string function, bool cold) =>
        reports.Where(r => r.Function == function && r.Report.Cold == cold && r.Report.Status is null).Select(r => r.Report).LastOrDefault();

    private async Task<InvocationResult> InvokeAsync(LambdaEmulator lambda, string function, string payload, CancellationToken cancellationToken)
    {
        var result = await lambda.InvokeAsync(function, payload, cancellationToken: cancellationToken);
        if (result.FunctionError is not null || result.Report is null)
        {
            var output = string.Join(Environment.NewLine, logLines.Where(l => l.Function == function).Select(l => l.Text).TakeLast(20));
            throw new DemoFailedException($"{function} failed: {result.PayloadText}{Environment.NewLine}{output}");
        }

        return result;
    }

    private async Task<(int Status, string Body)> CallApiAsync(LambdaEmulator lambda, string apiEvent, CancellationToken cancellationToken) =>
        SignedApiEvent.ReadResponse((await InvokeAsync(lambda, "api", apiEvent, cancellationToken)).PayloadText);

    private static Task AddAsync(LambdaEmulator lambda, string name, string bootstrap, Dictionary<string, string> environment, CancellationToken cancellationToken) =>
        lambda.AddFunctionAsync(
            new FunctionDefinition
            {
                Name = name,
                Handler = name,
                BootstrapPath = bootstrap,
                MemoryMB = 512,
                Timeout = TimeSpan.FromSeconds(60),
                Environment = environment,
            },
            cancellationToken);

    private static string ScheduledEvent(DateTimeOffset time) =>
        "{\"version\":\"0\",\"id\":\"" + Guid.NewGuid() + "\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"123456789012\","
        + "\"time\":\"" + time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + "\",\"region\":\"us-east-1\","
        + "\"resources\":[\"arn:aws:events:us-east-1:123456789012:rule/flint-digest-daily\"],\"detail\":{}}";

    private static Dictionary<string, string> With(Dictionary<string, string> source, params (string Key, string Value)[] extra)
    {
        var copy = new Dictionary<string, string>(source);
        foreach (var (key, value) in extra)
        {
            copy[key] = value;
        }

        return copy;
    }

    private void Step(string title) => console.Write(new Rule(Markup.Escape(title)).LeftJustified());

    private void Say(string text) => console.WriteLine(text);

    private string Rel(string path) => Path.GetRelativePath(repoRoot, path);
}
