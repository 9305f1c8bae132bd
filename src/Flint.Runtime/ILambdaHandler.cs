using System.Buffers;

namespace Flint.Runtime;

/// <summary>
/// One handler of the binary: turns an event's bytes into a response's bytes. Generated code
/// implements it for each <c>[LambdaHandler]</c> method; it never sees sockets or HTTP.
/// </summary>
/// <remarks>
/// Throwing reports a function error to the Runtime API and the loop goes on. Throw
/// <see cref="LambdaSerializationException"/> (see <see cref="LambdaJson"/>) when the event
/// cannot be read, so the error says so and names no handler frame.
/// </remarks>
public interface ILambdaHandler
{
    /// <summary>Handles one event and writes the response body (JSON, or raw bytes) into <paramref name="response"/>.</summary>
    void Invoke(ReadOnlyMemory<byte> payload, ILambdaContext context, IBufferWriter<byte> response);
}
