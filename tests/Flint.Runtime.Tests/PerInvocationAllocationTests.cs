using System.Buffers;
using System.Text;
using Xunit;

namespace Flint.Runtime.Tests;

/// <summary>
/// What one turn of the loop on Flint's socket transport allocates on the loop's thread, counted with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> over many turns after a warm-up (the fake API's own
/// allocations happen on its thread and are not counted). Each event has its own request id and deadline, as Lambda sends.
/// </summary>
public sealed class PerInvocationAllocationTests : IDisposable
{
    private const int WarmUp = 100;
    private const int Measured = 200;

    private readonly FakeRuntimeApi api = new();
    private readonly LambdaLogger logger = new(static () => Stream.Null, LambdaLogLevel.Info, json: false);

    public void Dispose()
    {
        api.Dispose();
        logger.Dispose();
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", null);
    }

    [Fact]
    public void A_turn_allocates_nothing_when_the_handler_neither_logs_nor_reads_the_request_id()
    {
        var allocated = MeasureTurns(traceIds: false, TestTable.Echo);

        Assert.Equal(0, allocated);
        Assert.All(api.Posts.Skip(WarmUp), post => Assert.Equal("{\"n\":1}", post.BodyText));
        Assert.Equal(RequestIds().Take(WarmUp + Measured).Select(id => $"/2018-06-01/runtime/invocation/{id}/response"), api.Posts.Select(p => p.Path));
    }

    [Fact]
    public void With_a_trace_id_a_turn_allocates_only_the_trace_id_string_that_becomes_X_AMZN_TRACE_ID()
    {
        string? seen = null;
        var allocated = MeasureTurns(traceIds: true, (payload, context, response) =>
        {
            seen = context.TraceId;
            response.Write(payload.Span);
        });

        var traceIdLength = TraceId(0).Length;
        var stringBytes = 8 * ((8 + 8 + 4 + (2 * (traceIdLength + 1)) + 7) / 8); // header, method table, length, chars + NUL
        Assert.InRange(allocated, 1, Measured * stringBytes);
        Assert.Equal(TraceId(WarmUp + Measured - 1), seen);
        Assert.Equal(seen, Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"));
    }

    [Fact]
    public void Reading_the_request_id_makes_its_string_once_per_invocation()
    {
        var ids = new List<string>();
        var sameInstance = true;
        MeasureTurns(traceIds: false, (payload, context, response) =>
        {
            ids.Add(context.AwsRequestId);
            sameInstance &= ReferenceEquals(context.AwsRequestId, context.AwsRequestId);
            response.Write(payload.Span);
        });

        Assert.Equal(RequestIds().Take(WarmUp + Measured), ids);
        Assert.True(sameInstance);
    }

    [Fact]
    public void Next_refills_one_invocation_whose_request_id_and_deadline_follow_each_event()
    {
        api.Enqueue(
            new FakeEvent("first-id", "1"u8.ToArray()) { DeadlineMs = 1_700_000_000_001 },
            new FakeEvent("second-id", "22"u8.ToArray()) { DeadlineMs = 1_700_000_000_002, TraceId = "Root=1-abc" });
        using var client = new SocketRuntimeApiClient(api.Address);

        var first = client.Next();
        Assert.Equal(("first-id", 1_700_000_000_001L, null as string), (first.RequestId, first.DeadlineMs, first.TraceId));
        client.PostResponse(first, "ok"u8);
        var second = client.Next();

        Assert.Same(first, second);
        Assert.Equal(("second-id", 1_700_000_000_002L, "Root=1-abc", "22"), (second.RequestId, second.DeadlineMs, second.TraceId, Encoding.UTF8.GetString(second.Payload.Span)));
        Assert.Equal("/2018-06-01/runtime/invocation/first-id/response", api.Posts.Single().Path);
    }

    private long MeasureTurns(bool traceIds, HandlerBody body)
    {
        var n = 0;
        foreach (var id in RequestIds().Take(WarmUp + Measured))
        {
            api.Enqueue(new FakeEvent(id, "{\"n\":1}"u8.ToArray())
            {
                DeadlineMs = 1_900_000_000_000 + n,
                TraceId = traceIds ? TraceId(n) : null,
            });
            n++;
        }

        var settings = new RuntimeSettings { RuntimeApi = api.Address, FunctionName = "allocations", Handler = "echo" };
        using var client = new SocketRuntimeApiClient(api.Address);
        using var loop = new InvocationLoop(client, new DelegateHandler(body), settings, logger, ProcessEnvironmentVariables.Instance);
        for (var i = 0; i < WarmUp; i++)
        {
            loop.InvokeOnce();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Measured; i++)
        {
            loop.InvokeOnce();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static IEnumerable<string> RequestIds()
    {
        for (var i = 0; ; i++)
        {
            yield return $"{i:x8}-e9f4-11e8-9739-2dfe598c3fcd";
        }
    }

    private static string TraceId(int n) => $"Root=1-5759e988-bd862e3fe1be46a9942{n:x5};Parent=53995c3f42cd8ad8;Sampled=1";
}
