using Flint.Records;
using Xunit;

namespace Flint.Aws.Tests;

public sealed class AwsEnvironmentTests
{
    [Fact]
    public void Endpoint_overrides_fall_back_to_the_shared_one_and_region_to_the_default_region()
    {
        var names = new[] { "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL_SSM" };
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable("AWS_REGION", null);
            Environment.SetEnvironmentVariable("AWS_DEFAULT_REGION", "ap-south-1");
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:5000");
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9001");
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_SSM", null);

            var aws = AwsEnvironment.FromEnvironment();

            Assert.Equal("ap-south-1", aws.Region);
            Assert.Equal(new Uri("http://127.0.0.1:5000"), aws.S3Endpoint);
            Assert.Equal(new Uri("http://127.0.0.1:9001"), aws.LambdaEndpoint);
            Assert.Equal(new Uri("http://127.0.0.1:4566"), aws.SsmEndpoint);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public void S3_client_for_a_local_endpoint_uses_path_style_and_checksums_only_when_required()
    {
        using var s3 = S3ClientFactory.Create(new AwsEnvironment
        {
            Region = "eu-west-1",
            Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b"),
            S3Endpoint = new Uri("http://127.0.0.1:5000"),
        });

        var config = (Amazon.S3.AmazonS3Config)s3.Config;
        Assert.True(config.ForcePathStyle);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
        Assert.Equal(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        Assert.Equal(Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
    }

    [Theory]
    [InlineData("a.ndjson.gz", null, true)]
    [InlineData("A.JSON.GZ", null, true)]
    [InlineData("a.ndjson", "gzip", true)]
    [InlineData("a.ndjson", "aws-chunked, gzip", true)]
    [InlineData("a.ndjson", null, false)]
    [InlineData("a.gzip.json", "identity", false)]
    public void Gzip_is_told_by_suffix_or_content_encoding(string key, string? contentEncoding, bool gzip)
    {
        Assert.Equal(gzip, RecordStream.IsGzip(key, contentEncoding));
    }
}
