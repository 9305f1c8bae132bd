namespace Flint.Runtime;

/// <summary>One blocking TCP connection to the Runtime API.</summary>
internal interface IRuntimeConnection : IByteSource, IDisposable
{
    /// <summary>Sends all of <paramref name="data"/>; a broken connection is a <see cref="System.Net.Sockets.SocketException"/>.</summary>
    void Send(ReadOnlySpan<byte> data);

    /// <summary>True when the peer has sent something (or closed) that a read would return at once.</summary>
    bool HasPendingInput();
}
