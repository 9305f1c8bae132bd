using System.Text.Json.Serialization;

namespace Flint.Events;

/// <summary>A batch of SQS messages delivered to a function.</summary>
public sealed record SqsEvent
{
    /// <summary>The messages, at most the event source mapping's batch size.</summary>
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsMessage>? Records { get; init; }
}

/// <summary>One SQS message.</summary>
public sealed record SqsMessage
{
    /// <summary>The message id; report it in <see cref="SqsBatchResponse"/> when it fails.</summary>
    public string? MessageId { get; init; }

    /// <summary>Handle for deleting the message or changing its visibility.</summary>
    public string? ReceiptHandle { get; init; }

    /// <summary>The message body.</summary>
    public string? Body { get; init; }

    /// <summary>MD5 of <see cref="Body"/>, hex.</summary>
    public string? Md5OfBody { get; init; }

    /// <summary>MD5 of the message attributes, hex.</summary>
    public string? Md5OfMessageAttributes { get; init; }

    /// <summary>System attributes: <c>ApproximateReceiveCount</c>, <c>SentTimestamp</c>, <c>SenderId</c>, ...</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>The sender's message attributes.</summary>
    public IReadOnlyDictionary<string, SqsMessageAttribute>? MessageAttributes { get; init; }

    /// <summary><c>aws:sqs</c>.</summary>
    public string? EventSource { get; init; }

    /// <summary>The queue's ARN.</summary>
    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; init; }

    /// <summary>The queue's region.</summary>
    public string? AwsRegion { get; init; }
}

/// <summary>A message attribute: a string, number or binary value (binary as base64).</summary>
public sealed record SqsMessageAttribute
{
    /// <summary>The value of a String or Number attribute.</summary>
    public string? StringValue { get; init; }

    /// <summary>The value of a Binary attribute, base64.</summary>
    public string? BinaryValue { get; init; }

    /// <summary>Reserved by SQS; usually empty.</summary>
    public IReadOnlyList<string>? StringListValues { get; init; }

    /// <summary>Reserved by SQS; usually empty.</summary>
    public IReadOnlyList<string>? BinaryListValues { get; init; }

    /// <summary><c>String</c>, <c>Number</c> or <c>Binary</c>, optionally with a custom suffix.</summary>
    public string? DataType { get; init; }
}

/// <summary>
/// A partial batch response: the messages that failed and should be retried
/// (needs <c>ReportBatchItemFailures</c> on the event source mapping). An empty list means all succeeded.
/// </summary>
public sealed record SqsBatchResponse
{
    /// <summary>The failed messages.</summary>
    public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; init; } = [];
}

/// <summary>A failed message, by its <see cref="SqsMessage.MessageId"/>.</summary>
/// <param name="ItemIdentifier">The failed message's id.</param>
public sealed record SqsBatchItemFailure(string ItemIdentifier);
