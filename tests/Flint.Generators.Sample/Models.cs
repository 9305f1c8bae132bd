using System.Text.Json.Serialization;

namespace Flint.Generators.Sample;

public sealed record Greeting(string Name);

public sealed record Reply(string Message, string Handler);

public sealed record Counter(int Value);

[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Reply))]
[JsonSerializable(typeof(Counter))]
[JsonSerializable(typeof(List<Greeting>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class SampleJson : JsonSerializerContext;
