using System.Buffers;
using BenchmarkDotNet.Attributes;
using Flint.Events;
using Flint.Runtime;

namespace Flint.Benchmarks;

/// <summary>
/// Source-generated (de)serialization of the events a Flint function sees, as the runtime does it:
/// <c>LambdaJson.Deserialize</c> from the payload bytes, <c>LambdaJson.Serialize</c> into a reused response buffer.
/// Inputs are the shared fixtures (API Gateway HTTP API v2, S3 notification, EventBridge schedule).
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> output = new(4096);
    private ReadOnlyMemory<byte> apiRequestJson;
    private ReadOnlyMemory<byte> s3EventJson;
    private ReadOnlyMemory<byte> scheduledJson;
    private ApiGatewayHttpRequest? apiRequest;
    private S3Event? s3Event;
    private ScheduledEvent? scheduled;
    private ApiGatewayHttpResponse? apiResponse;

    [GlobalSetup]
    public void Setup()
    {
        apiRequestJson = Fixtures.Bytes("apigw-v2-request-no-authorizer.json");
        s3EventJson = Fixtures.Bytes("s3-event.json");
        scheduledJson = Fixtures.Bytes("eventbridge-schedule.json");
        apiRequest = ApiGatewayRequestDeserialize();
        s3Event = S3EventDeserialize();
        scheduled = ScheduledEventDeserialize();
        apiResponse = ApiGatewayHttpResponse.Text(202, """{"taskId":"7f3c2a9e-1d44-4f0b-9a51-3c8e2b7d6a10","status":"queued"}""");
    }

    [Benchmark]
    public ApiGatewayHttpRequest ApiGatewayRequestDeserialize() => LambdaJson.Deserialize(apiRequestJson, FlintEventsJsonContext.Default.ApiGatewayHttpRequest);

    [Benchmark]
    public int ApiGatewayRequestSerialize() => Write(apiRequest!, FlintEventsJsonContext.Default.ApiGatewayHttpRequest);

    [Benchmark]
    public int ApiGatewayResponseSerialize() => Write(apiResponse!, FlintEventsJsonContext.Default.ApiGatewayHttpResponse);

    [Benchmark]
    public S3Event S3EventDeserialize() => LambdaJson.Deserialize(s3EventJson, FlintEventsJsonContext.Default.S3Event);

    [Benchmark]
    public int S3EventSerialize() => Write(s3Event!, FlintEventsJsonContext.Default.S3Event);

    [Benchmark]
    public ScheduledEvent ScheduledEventDeserialize() => LambdaJson.Deserialize(scheduledJson, FlintEventsJsonContext.Default.ScheduledEvent);

    [Benchmark]
    public int ScheduledEventSerialize() => Write(scheduled!, FlintEventsJsonContext.Default.ScheduledEvent);

    private int Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        output.ResetWrittenCount();
        LambdaJson.Serialize(output, value, typeInfo);
        return output.WrittenCount;
    }
}
