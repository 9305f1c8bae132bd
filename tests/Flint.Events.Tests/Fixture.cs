using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Flint.Events.Tests;

/// <summary>Loads a fixture and runs it through parse -> serialize -> parse.</summary>
internal static class Fixture
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>Returns the model parsed from the file and the model parsed from its re-serialized JSON.</summary>
    public static (T First, T Second, string Json) RoundTrip<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        var first = JsonSerializer.Deserialize(Bytes(name), typeInfo)!;
        var json = JsonSerializer.Serialize(first, typeInfo);
        var second = JsonSerializer.Deserialize(json, typeInfo)!;
        return (first, second, json);
    }
}
