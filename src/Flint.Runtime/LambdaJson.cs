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
    // One writer per thread, reset per call: no allocation per invocation. It is made for the options of the context
    // it serves (indentation, encoder), and made again only if a call comes with another context's options.
    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    [ThreadStatic]
    private static JsonSerializerOptions? cachedWriterOptions;

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
        if (writer is null || !ReferenceEquals(cachedWriterOptions, typeInfo.Options))
        {
            writer = new Utf8JsonWriter(response, WriterOptions(typeInfo.Options));
            cachedWriter = writer;
            cachedWriterOptions = typeInfo.Options;
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

    /// <summary>What the user's context asks of the output (as <c>JsonSerializer</c> would honour it), without validation: the serializer writes valid JSON.</summary>
    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth,
        SkipValidation = true,
    };

    /// <summary>The JSON <c>null</c> that a handler returning nothing answers with.</summary>
    public static void WriteNull(IBufferWriter<byte> response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Write("null"u8);
    }
}
