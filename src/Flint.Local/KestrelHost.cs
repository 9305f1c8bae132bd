using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flint.Local;

/// <summary>A bare Kestrel on 127.0.0.1 that sends every request to one delegate (no routing, no logging).</summary>
internal sealed class KestrelHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private KestrelHost(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    private const string AcceptedAtKey = "flint.acceptedAt";

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the request's connection was accepted, if known.</summary>
    public static long? AcceptedAt(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionItemsFeature>()?.Items.TryGetValue(AcceptedAtKey, out var value) == true
            ? (long)value! : null;

    /// <summary>The bound port.</summary>
    public int Port { get; }

    /// <summary>Starts Kestrel on <paramref name="port"/> (0: the OS picks a free one).</summary>
    public static async Task<KestrelHost> StartAsync(int port, long? maxRequestBodySize, RequestDelegate handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxRequestBodySize;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromDays(1); // a runtime may sit in GET /next for hours
            kestrel.Limits.MinRequestBodyDataRate = null;
            // Each connection notes when it was accepted: a request on a connection older than the process now serving
            // the function was sent by one that is gone (see AcceptedAt).
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Use(next => connection =>
            {
                connection.Items[AcceptedAtKey] = System.Diagnostics.Stopwatch.GetTimestamp();
                return next(connection);
            }));
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        var host = new KestrelHost(app, new Uri(address).Port);
        await host.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>
    /// One throw-away request over a raw socket, so Kestrel's request path is compiled before the first runtime
    /// connects: otherwise the emulator's JIT time would show up in the first function's Init Duration.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync("GET /warm-up HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var buffer = new byte[1024];
        while (await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await app.StopAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }
}
