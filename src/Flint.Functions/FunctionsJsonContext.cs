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
[JsonSerializable(typeof(Flint.Events.ApiGatewayHttpRequest))]
[JsonSerializable(typeof(Flint.Events.ApiGatewayHttpResponse))]
[JsonSerializable(typeof(DigestInput))]
[JsonSerializable(typeof(DigestPartial))]
[JsonSerializable(typeof(DigestReport))]
[JsonSerializable(typeof(DigestSummary))]
[JsonSerializable(typeof(DigestPlan))]
[JsonSerializable(typeof(DigestPartInput))]
[JsonSerializable(typeof(DigestPartResult))]
[JsonSerializable(typeof(DigestMergeInput))]
[JsonSerializable(typeof(TaskRequest))]
[JsonSerializable(typeof(ApiErrorBody))]
[JsonSerializable(typeof(WorkerFailureBody))]
[JsonSerializable(typeof(WorkerErrorPayload))]
[JsonSerializable(typeof(Flint.Functions.Worker.WorkerResult))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
