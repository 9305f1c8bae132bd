using System.Text.Json.Serialization;

namespace Flint.Integration.Tests;

[JsonSerializable(typeof(string))]
internal sealed partial class Json : JsonSerializerContext;
