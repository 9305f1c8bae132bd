using System.Text.Json.Serialization;

namespace Flint.Events;

/// <summary>
/// Source-generated JSON metadata for every Flint event model: camelCase names,
/// nulls left out when writing. Use its properties as the <c>JsonTypeInfo</c> of a handler,
/// e.g. <c>FlintEventsJsonContext.Default.S3Event</c>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(ScheduleInput))]
[JsonSerializable(typeof(ApiGatewayHttpRequest))]
[JsonSerializable(typeof(ApiGatewayHttpResponse))]
[JsonSerializable(typeof(S3Event))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
public sealed partial class FlintEventsJsonContext : JsonSerializerContext;
