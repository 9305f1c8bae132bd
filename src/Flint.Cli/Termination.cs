using System.Runtime.InteropServices;

namespace Flint.Cli;

/// <summary>
/// SIGTERM as a cancellation, like Ctrl+C: the commands that start processes (<c>coldstart</c>, <c>demo</c>) then stop
/// their bootstraps and moto_server on the way out. Left to the default, the emulator's Kestrel host takes the signal and
/// nothing stops.
/// </summary>
internal static class Termination
{
    private static readonly CancellationTokenSource Requested = new();

    /// <summary>Cancelled when the process receives SIGTERM (after <see cref="Register"/>).</summary>
    public static CancellationToken Token => Requested.Token;

    /// <summary>Handles SIGTERM for the life of the process.</summary>
    public static PosixSignalRegistration Register() => PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
    {
        signal.Cancel = true;
        Requested.Cancel();
    });

    /// <summary><paramref name="interrupted"/> (Ctrl+C) or SIGTERM.</summary>
    public static CancellationTokenSource Linked(CancellationToken interrupted) => CancellationTokenSource.CreateLinkedTokenSource(interrupted, Token);
}
