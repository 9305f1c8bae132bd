using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flint.Runtime;

/// <summary>
/// Event and result (de)serialization through source-generated <see cref="JsonTypeInfo{T}"/> only.
/// Generated handlers call these; hand-written <see cref="ILambdaHandler"/>s may too.
/// </summary>
public static class LambdaJson
{
    // One writer per thread, reset per call: no allocation per invocation.
    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    /// <summary>Reads the event, turning any JSON failure into <see cref="LambdaSerializationException"/>.</summary>
    public static T Deserialize<T>(ReadOnlyMemory<byte> payload, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        try
        {
            return JsonSerializer.Deserialize(payload.Span, typeInfo)!;
        }
        catch (JsonException ex)
        {
            throw new LambdaSerializationException(
                $"Could not read the event as {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes <paramref name="value"/> as JSON into <paramref name="response"/>.</summary>
    public static void Serialize<T>(IBufferWriter<byte> response, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var writer = cachedWriter;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(response, new JsonWriterOptions { SkipValidation = true });
            cachedWriter = writer;
        }
        else
        {
            writer.Reset(response);
        }

        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
        }
        catch (JsonException ex)
        {
            throw new LambdaSerializationException(
                $"Could not write the result of type {typeof(T).Name}: {ex.Message}", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new LambdaSerializationException(
                $"Could not write the result of type {typeof(T).Name}: {ex.Message}", ex);
        }
        finally
        {
            writer.Reset(Stream.Null);
        }
    }

    /// <summary>The JSON <c>null</c> that a handler returning nothing answers with.</summary>
    public static void WriteNull(IBufferWriter<byte> response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Write("null"u8);
    }
}
