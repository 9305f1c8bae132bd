using CsCheck;
using Flint.Events;
using Xunit;

namespace Flint.Events.Tests;

public sealed class S3EventTests
{
    [Fact]
    public void S3_event_fixture_round_trips_with_its_values()
    {
        var (first, second, _) = Fixture.RoundTrip("s3-event.json", FlintEventsJsonContext.Default.S3Event);

        foreach (var e in new[] { first, second })
        {
            var record = Assert.Single(e.Records!);
            Assert.Equal("2.0", record.EventVersion);
            Assert.Equal("aws:s3", record.EventSource);
            Assert.Equal("us-east-1", record.AwsRegion);
            Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(123), record.EventTime);
            Assert.Equal("ObjectCreated:Put", record.EventName);
            Assert.Equal("EXAMPLE", record.UserIdentity!.PrincipalId);
            Assert.Equal("127.0.0.1", record.RequestParameters!.SourceIpAddress);
            Assert.Equal("C3D13FE58DE4C810", record.ResponseElements!["x-amz-request-id"]);
            Assert.Equal("1.0", record.S3!.S3SchemaVersion);
            Assert.Equal("testConfigRule", record.S3.ConfigurationId);
            Assert.Equal("sourcebucket", record.S3.Bucket!.Name);
            Assert.Equal("arn:aws:s3:::mybucket", record.S3.Bucket.Arn);
            Assert.Equal("EXAMPLE", record.S3.Bucket.OwnerIdentity!.PrincipalId);
            var obj = record.S3.Object!;
            Assert.Equal("Happy%20Face.jpg", obj.Key);
            Assert.Equal("Happy Face.jpg", obj.DecodedKey);
            Assert.Equal(1024, obj.Size);
            Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", obj.ETag);
            Assert.Equal("version", obj.VersionId);
            Assert.Equal("Happy Sequencer", obj.Sequencer);
        }
    }

    [Fact]
    public void Serialized_s3_event_keeps_the_raw_key_and_aws_property_names()
    {
        var (_, _, json) = Fixture.RoundTrip("s3-event.json", FlintEventsJsonContext.Default.S3Event);

        Assert.Contains("\"Records\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"key\":\"Happy%20Face.jpg\"", json, StringComparison.Ordinal);
        Assert.Contains("\"eTag\":", json, StringComparison.Ordinal);
        Assert.Contains("\"sourceIPAddress\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("decodedKey", json, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("logs/2026/11/27/app+1.ndjson.gz", "logs/2026/11/27/app 1.ndjson.gz")]
    [InlineData("a%2Bb", "a+b")]
    [InlineData("caf%C3%A9%20%E2%82%AC", "café €")]
    [InlineData("emoji%F0%9F%98%80", "emoji\U0001F600")]
    [InlineData("100%", "100%")]
    [InlineData("bad%zzhex%4", "bad%zzhex%4")]
    [InlineData("%2f%2F", "//")]
    [InlineData("plain/key.json", "plain/key.json")]
    [InlineData("", "")]
    public void Object_keys_are_url_decoded_with_plus_as_space(string raw, string decoded)
    {
        Assert.Equal(decoded, new S3ObjectEntity { Key = raw }.DecodedKey);
    }

    [Fact]
    public void Any_key_encoded_the_way_s3_encodes_decodes_back_to_itself()
    {
        // S3 form-encodes keys: percent-encoding of the UTF-8 bytes, spaces as '+'.
        Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 0, 40].Sample(key =>
        {
            var encoded = Uri.EscapeDataString(key).Replace("%20", "+", StringComparison.Ordinal);
            Assert.Equal(key, S3KeyDecoder.Decode(encoded));
        }, iter: 2000);
    }
}
