using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Flint.Testing;
using Xunit;

namespace Flint.Aws.Tests;

/// <summary>Reads parameters from moto_server's SSM API.</summary>
public sealed class SsmParametersTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private AwsEnvironment Aws => new()
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("test", "test"),
        SsmEndpoint = moto.Endpoint,
    };

    [Fact]
    public async Task Secure_string_is_read_decrypted()
    {
        using (var ssm = SsmParameters.CreateClient(Aws))
        {
            await ssm.PutParameterAsync(new PutParameterRequest
            {
                Name = "/flint/api-secret",
                Value = "hmac-key-0123456789",
                Type = ParameterType.SecureString,
                Overwrite = true,
            });
        }

        Assert.Equal("hmac-key-0123456789", await SsmParameters.GetAsync(Aws, "/flint/api-secret"));
    }

    [Fact]
    public async Task Missing_parameter_is_a_parameter_not_found_error()
    {
        await Assert.ThrowsAsync<ParameterNotFoundException>(() => SsmParameters.GetAsync(Aws, "/flint/does-not-exist"));
    }
}
