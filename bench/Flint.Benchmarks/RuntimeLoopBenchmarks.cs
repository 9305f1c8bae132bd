using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Flint.Runtime;
using Flint.Runtime.HttpClient;

namespace Flint.Benchmarks;

/// <summary>
/// One invocation (GET /next, echo handler, POST /response) through the runtime's own loop unit
/// (<c>InvocationLoop.InvokeOnce</c>) on Flint's socket transport and on the HttpClient transport, against an
/// in-process loopback Runtime API. The baseline is the floor: the same two exchanges on a raw socket with
/// precomputed bytes, so "overhead" is a transport's time less the floor's. The event is the API Gateway v2 fixture.
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class RuntimeLoopBenchmarks
{
    private LoopbackRuntimeApi? server;
    private LoopbackRuntimeApi? serverWithoutTrace;
    private InvocationLoop? flintLoop;
    private InvocationLoop? flintLoopWithoutTrace;
    private IRuntimeApiTransport? flintWithoutTrace;
    private InvocationLoop? httpClientLoop;
    private IRuntimeApiTransport? flint;
    private IRuntimeApiTransport? httpClient;
    private Socket? floor;
    private byte[] floorNext = [];
    private byte[] floorPost = [];
    private byte[] floorBuffer = [];
    private LambdaLogger? logger;

    [GlobalSetup]
    public void Setup()
    {
        var payload = Fixtures.Bytes("apigw-v2-request-no-authorizer.json");
        server = new LoopbackRuntimeApi(payload);
        var settings = new RuntimeSettings { RuntimeApi = server.Address, FunctionName = "bench", Handler = "echo" };
        logger = new LambdaLogger(static () => Stream.Null, LambdaLogLevel.Info, json: false);
        flint = new SocketRuntimeApiClient(server.Address);
        httpClient = new HttpClientRuntimeApiClient(server.Address);
        flintLoop = new InvocationLoop(flint, new EchoHandler(), settings, logger, ProcessEnvironmentVariables.Instance);
        serverWithoutTrace = new LoopbackRuntimeApi(payload, traceHeader: false);
        flintWithoutTrace = new SocketRuntimeApiClient(serverWithoutTrace.Address);
        flintLoopWithoutTrace = new InvocationLoop(flintWithoutTrace, new EchoHandler(), settings, logger, ProcessEnvironmentVariables.Instance);
        httpClientLoop = new InvocationLoop(httpClient, new EchoHandler(), settings, logger, ProcessEnvironmentVariables.Instance);

        floor = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        floor.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        floorNext = Encoding.ASCII.GetBytes($"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {server.Address}\r\n\r\n");
        floorPost = [.. Encoding.ASCII.GetBytes(
            $"POST /2018-06-01/runtime/invocation/{LoopbackRuntimeApi.RequestId}/response HTTP/1.1\r\nHost: {server.Address}\r\nContent-Length: {payload.Length}\r\n\r\n"), .. payload];
        floorBuffer = new byte[server.NextResponse.Length + 1024];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        flintLoop?.Dispose();
        flintLoopWithoutTrace?.Dispose();
        flintWithoutTrace?.Dispose();
        serverWithoutTrace?.Dispose();
        httpClientLoop?.Dispose();
        flint?.Dispose();
        httpClient?.Dispose();
        floor?.Dispose();
        logger?.Dispose();
        server?.Dispose();
    }

    /// <summary>The floor: precomputed GET and POST on one raw socket, reading exactly the known answers.</summary>
    [Benchmark(Baseline = true)]
    public int RawSocketFloor()
    {
        floor!.Send(floorNext);
        Receive(server!.NextResponse.Length);
        floor.Send(floorPost);
        return Receive(LoopbackRuntimeApi.AcceptedResponse.Length);
    }

    /// <summary>Flint's loop on its socket transport.</summary>
    [Benchmark]
    public void FlintSocketTransport() => flintLoop!.InvokeOnce();

    /// <summary>
    /// The same without a <c>Lambda-Runtime-Trace-Id</c> header: the trace id is the one string a turn must make
    /// (it becomes <c>_X_AMZN_TRACE_ID</c>), so this row shows what the loop itself allocates.
    /// </summary>
    [Benchmark]
    public void FlintSocketTransportNoTraceHeader() => flintLoopWithoutTrace!.InvokeOnce();

    /// <summary>Flint's loop on the HttpClient transport (what Amazon.Lambda.RuntimeSupport uses).</summary>
    [Benchmark]
    public void HttpClientTransport() => httpClientLoop!.InvokeOnce();

    private int Receive(int length)
    {
        var got = 0;
        while (got < length)
        {
            var read = floor!.Receive(floorBuffer.AsSpan(got));
            if (read == 0)
            {
                throw new IOException("The loopback Runtime API closed the connection.");
            }

            got += read;
        }

        return got;
    }

    private sealed class EchoHandler : ILambdaHandler
    {
        public void Invoke(ReadOnlyMemory<byte> payload, ILambdaContext context, IBufferWriter<byte> response) => response.Write(payload.Span);
    }
}
