using System.Diagnostics;
using Xunit;

namespace Flint.Testing;

/// <summary>
/// A <c>moto_server</c> (S3, SSM, … APIs) on a free loopback port for one test class or collection:
/// <c>IClassFixture&lt;MotoServer&gt;</c>. Started by <see cref="InitializeAsync"/>, killed by <see cref="Dispose"/>.
/// </summary>
public sealed class MotoServer : IAsyncLifetime, IDisposable
{
    private Process? process;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:0");

    /// <summary>Starts <c>moto_server -H 127.0.0.1 -p PORT</c> and waits until it answers HTTP.</summary>
    public async Task InitializeAsync()
    {
        var port = Ports.FreeLoopbackPort();
        var start = new ProcessStartInfo("moto_server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Endpoint = new Uri($"http://127.0.0.1:{port}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with {process.ExitCode} before answering.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/")).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"moto_server did not answer on {Endpoint} within 30 s.");
    }

    /// <summary>Kills the server.</summary>
    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Kills the server and its children.</summary>
    public void Dispose()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        process = null;
    }
}
