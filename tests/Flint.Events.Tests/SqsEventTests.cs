using System.Text.Json;
using Flint.Events;
using Xunit;

namespace Flint.Events.Tests;

public sealed class SqsEventTests
{
    [Fact]
    public void Sqs_event_fixture_round_trips_with_its_values()
    {
        var (first, second, _) = Fixture.RoundTrip("sqs-event.json", FlintEventsJsonContext.Default.SqsEvent);

        foreach (var e in new[] { first, second })
        {
            var m = Assert.Single(e.Records!);
            Assert.Equal("MessageID_1", m.MessageId);
            Assert.Equal("MessageReceiptHandle", m.ReceiptHandle);
            Assert.Equal("Message Body", m.Body);
            Assert.Equal("fce0ea8dd236ccb3ed9b37dae260836f", m.Md5OfBody);
            Assert.Equal("582c92c5c5b6ac403040a4f3ab3115c9", m.Md5OfMessageAttributes);
            Assert.Equal("arn:aws:sqs:us-west-2:123456789012:SQSQueue", m.EventSourceArn);
            Assert.Equal("aws:sqs", m.EventSource);
            Assert.Equal("us-west-2", m.AwsRegion);
            Assert.Equal("2", m.Attributes!["ApproximateReceiveCount"]);
            Assert.Equal("1520621625029", m.Attributes["SentTimestamp"]);
            Assert.Equal("AROAIWPX5BD2BHG722MW4:sender", m.Attributes["SenderId"]);
            Assert.Equal(3, m.MessageAttributes!.Count);
            var binary = m.MessageAttributes["Attribute3"];
            Assert.Equal("Binary", binary.DataType);
            Assert.Equal("1100", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(binary.BinaryValue!)));
            Assert.Equal(["abc", "123"], binary.StringListValues);
            Assert.Equal(["MA==", "MQ==", "MA=="], binary.BinaryListValues);
            Assert.Equal("123", m.MessageAttributes["Attribute2"].StringValue);
            Assert.Equal("Number", m.MessageAttributes["Attribute2"].DataType);
            Assert.Equal("AttributeValue1", m.MessageAttributes["Attribute1"].StringValue);
            Assert.Empty(m.MessageAttributes["Attribute1"].StringListValues!);
        }
    }

    [Fact]
    public void Batch_response_fixture_round_trips_with_its_values()
    {
        var (first, second, json) = Fixture.RoundTrip("sqs-batch-response.json", FlintEventsJsonContext.Default.SqsBatchResponse);

        Assert.Equal([new SqsBatchItemFailure("id2"), new SqsBatchItemFailure("id4")], first.BatchItemFailures);
        Assert.Equal(first.BatchItemFailures, second.BatchItemFailures);
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"id2"},{"itemIdentifier":"id4"}]}""", json);
    }

    [Fact]
    public void Empty_batch_response_reports_no_failures()
    {
        Assert.Equal("""{"batchItemFailures":[]}""", JsonSerializer.Serialize(new SqsBatchResponse(), FlintEventsJsonContext.Default.SqsBatchResponse));
    }
}
