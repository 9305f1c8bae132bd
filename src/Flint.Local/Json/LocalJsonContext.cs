using System.Text.Json.Serialization;

namespace Flint.Local.Json;

/// <summary>The few types the emulator serializes (reflection-based JSON is off solution-wide).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class LocalJsonContext : JsonSerializerContext
{
}
