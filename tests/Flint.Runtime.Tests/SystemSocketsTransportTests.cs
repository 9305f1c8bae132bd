using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Flint.Runtime.Tests;

/// <summary>
/// On Linux the socket client talks to libc directly; these run the same protocol over System.Net.Sockets,
/// the path every other OS takes.
/// </summary>
public sealed class SystemSocketsTransportTests : IDisposable
{
    private static readonly LambdaRuntimeOptions SystemSockets = new() { TransportFactory = api => new SocketRuntimeApiClient(api, useSystemSockets: true) };

    private readonly FakeRuntimeApi api = new();

    public void Dispose() => api.Dispose();

    private static TestTable EchoAndFail() => new(new() { ["echo"] = TestTable.Echo, ["fail"] = TestTable.Fail }, defaultName: "echo");

    [Fact]
    public void Chunked_echo_and_reconnects_work_over_system_sockets()
    {
        api.CloseAfterEachAnswer = true;
        var big = new byte[50_000];
        Random.Shared.NextBytes(big);
        api.Enqueue(new FakeEvent("a", big) { ChunkSize = 4096 }, FakeEvent.Json("b", "2"));

        Assert.Equal(0, RuntimeRun.For(api).Run(EchoAndFail(), invocations: 2, SystemSockets));

        Assert.Equal(big, api.Posts[0].Body);
        Assert.Equal("2", api.Posts[1].BodyText);
        Assert.Equal(4, api.Connections);
    }

    [Fact]
    public void Unreachable_api_is_a_clear_failure_over_system_sockets()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var run = new RuntimeRun { Environment = new DictionaryEnvironment(("AWS_LAMBDA_RUNTIME_API", $"127.0.0.1:{port}")) };

        Assert.Equal(2, run.Run(EchoAndFail(), invocations: 1, SystemSockets));

        Assert.Contains($"Cannot connect to the Runtime API at 127.0.0.1:{port}", run.StderrText, StringComparison.Ordinal);
    }

    [Fact]
    public void Localhost_reaches_a_loopback_api()
    {
        api.Enqueue(FakeEvent.Json("l", "x"));
        var run = new RuntimeRun { Environment = new DictionaryEnvironment(("AWS_LAMBDA_RUNTIME_API", api.Address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal))) };

        Assert.Equal(0, run.Run(EchoAndFail(), invocations: 1));

        Assert.Equal("x", Assert.Single(api.Posts).BodyText);
    }
}
