namespace Flint.Runtime;

/// <summary>Where the response reader pulls bytes from: a socket in production, a scripted split sequence in tests.</summary>
internal interface IByteSource
{
    /// <summary>Reads at most <paramref name="destination"/>.Length bytes; 0 means the peer closed the connection.</summary>
    int Read(Span<byte> destination);
}
