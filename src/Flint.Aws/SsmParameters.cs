using Amazon;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace Flint.Aws;

/// <summary>Reads SSM Parameter Store values, e.g. a shared secret, once during Init.</summary>
/// <example>
/// <code>
/// var secret = SsmParameters.GetAsync(aws, "/flint/api-secret").GetAwaiter().GetResult();
/// </code>
/// </example>
public static class SsmParameters
{
    /// <summary>
    /// One parameter's value; SecureStrings are decrypted (<c>WithDecryption</c>). Uses
    /// <see cref="AwsEnvironment.SsmEndpoint"/> when set.
    /// </summary>
    /// <param name="environment">Region, credentials and endpoint override.</param>
    /// <param name="name">Parameter name or ARN, e.g. <c>/flint/api-secret</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ParameterNotFoundException">No such parameter.</exception>
    public static async Task<string> GetAsync(AwsEnvironment environment, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var ssm = CreateClient(environment);
        var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, cancellationToken)
            .ConfigureAwait(false);
        return response.Parameter.Value;
    }

    /// <summary>An SSM client for <paramref name="environment"/>; dispose it when done.</summary>
    public static AmazonSimpleSystemsManagementClient CreateClient(AwsEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var config = new AmazonSimpleSystemsManagementConfig();
        if (environment.SsmEndpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = environment.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(environment.Region);
        }

        return new AmazonSimpleSystemsManagementClient(environment.ResolveCredentials(), config);
    }
}
