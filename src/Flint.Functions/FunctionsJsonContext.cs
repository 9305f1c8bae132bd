using System.Text.Json.Serialization;
using Flint.Functions.Api;
using Flint.Functions.Digest;

namespace Flint.Functions;

/// <summary>Every type the functions read or write, camelCase; reads are case-insensitive (Step Functions sends <c>Key</c>, <c>Items</c>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(AccessLogRecord))]
[JsonSerializable(typeof(DigestInput))]
[JsonSerializable(typeof(DigestPartial))]
[JsonSerializable(typeof(DigestReport))]
[JsonSerializable(typeof(TaskRequest))]
[JsonSerializable(typeof(ApiErrorBody))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
