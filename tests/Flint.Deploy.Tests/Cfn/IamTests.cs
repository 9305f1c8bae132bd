using Xunit;

namespace Flint.Deploy.Tests.Cfn;

/// <summary>Least privilege in serverless.template: every grant, rendered readably, is exactly what its holder needs.</summary>
public sealed class IamTests
{
    private const string Arn = "arn:{AWS::Partition}";
    private const string SourceObjects = Arn + ":s3:::{SourceBucket}/{SourcePrefix before '{'}*";
    private const string SourceBucket = Arn + ":s3:::{SourceBucket}";
    private const string Reports = Arn + ":s3:::{ReportBucket}/{ReportPrefix}*";
    private const string Parts = Arn + ":s3:::{ReportBucket}/{PartsPrefix}*";
    private const string ReportBucket = Arn + ":s3:::{ReportBucket}";
    private const string ReadObjects = Arn + ":s3:::{if HasReadBucket then {ReadBucket} else {SourceBucket}}/{ReadPrefix}*";
    private const string StateMachine = Arn + ":states:{AWS::Region}:{AWS::AccountId}:stateMachine:{AWS::StackName}-digest";

    private static readonly CfnTemplate Template = ServerlessTemplateTests.Template;

    private static string HolderOf(string handler) => ServerlessTemplateTests.Functions
        .Single(f => f.Properties["Handler"]!.GetValue<string>() == handler).Id;

    /// <summary>"action on resource" for every grant a resource holds (conditional grants marked).</summary>
    private static IReadOnlySet<string> Grants(string holder) => Template.Statements()
        .Where(s => s.Holder == holder)
        .SelectMany(s => s.Actions.SelectMany(a => s.Resources.Select(r => $"{a} on {r}{(s.UnderCondition is null ? "" : $" if {s.UnderCondition}")}")))
        .ToHashSet(StringComparer.Ordinal);

    private static void AssertGrants(string handler, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), Grants(HolderOf(handler)).Order(StringComparer.Ordinal));

    [Fact]
    public void No_statement_grants_a_wildcard_action_or_resource()
    {
        var statements = Template.Statements().ToList();

        Assert.True(statements.Count >= 20, $"Only {statements.Count} statements were found.");
        foreach (var statement in statements)
        {
            Assert.Equal("Allow", statement.Json["Effect"]!.GetValue<string>());
            Assert.All(statement.Actions, a => Assert.False(a == "*" || a.EndsWith(":*", StringComparison.Ordinal) || a.Contains('*', StringComparison.Ordinal), $"{statement.Holder} grants {a}."));
            Assert.All(statement.Resources, r => Assert.False(r == "*" || r.EndsWith(":::*", StringComparison.Ordinal) || r.EndsWith(":function:*", StringComparison.Ordinal), $"{statement.Holder} grants {string.Join(',', statement.Actions)} on {r}."));
        }
    }

    [Fact]
    public void Each_function_can_read_and_write_only_its_own_prefixes()
    {
        AssertGrants("digest", $"s3:ListBucket on {SourceBucket}", $"s3:GetObject on {SourceObjects}", $"s3:PutObject on {Reports}");
        AssertGrants("digest-plan", $"s3:ListBucket on {SourceBucket}");
        // digest-part lists (its Init warm-up; a missing object is then 404, not 403) only where it may read.
        AssertGrants("digest-part", $"s3:ListBucket on {SourceBucket}", $"s3:GetObject on {SourceObjects}", $"s3:PutObject on {Parts}");
        AssertGrants("digest-merge", $"s3:ListBucket on {ReportBucket}", $"s3:GetObject on {Parts}", $"s3:PutObject on {Reports}");
        AssertGrants(
            "worker",
            $"s3:ListBucket on {SourceBucket}", $"s3:GetObject on {SourceObjects}", $"s3:PutObject on {Reports}", $"s3:GetObject on {ReadObjects}");
    }

    [Fact]
    public void Listing_a_bucket_is_limited_to_a_prefix()
    {
        foreach (var statement in Template.Statements().Where(s => s.Actions.Contains("s3:ListBucket")))
        {
            var prefixes = statement.Json["Condition"]!["StringLike"]!["s3:prefix"]!.AsArray().Select(CfnTemplate.Render).ToList();

            var prefix = Assert.Single(prefixes);
            Assert.True(prefix is "{SourcePrefix before '{'}*" or "{PartsPrefix}*", $"{statement.Holder} lists {prefix}.");
        }
    }

    [Fact]
    public void Only_the_api_may_invoke_a_function_and_only_the_worker()
    {
        var functions = ServerlessTemplateTests.Functions.Select(f => f.Id).ToHashSet();
        var invokers = Template.Statements()
            .Where(s => functions.Contains(s.Holder) && s.Actions.Any(a => a.StartsWith("lambda:", StringComparison.Ordinal)))
            .ToList();

        var invoke = Assert.Single(invokers);
        Assert.Equal(HolderOf("api"), invoke.Holder);
        Assert.Equal(["lambda:InvokeFunction"], invoke.Actions);
        Assert.Equal([$"{{{HolderOf("worker")}.Arn}}"], invoke.Resources);
    }

    [Fact]
    public void Only_the_api_may_read_the_secret_parameter()
    {
        var readers = Template.Statements().Where(s => s.Actions.Any(a => a.StartsWith("ssm:", StringComparison.Ordinal) || a.StartsWith("kms:", StringComparison.Ordinal))).ToList();

        Assert.All(readers, s => Assert.Equal(HolderOf("api"), s.Holder));
        Assert.Equal(
            [
                "kms:Decrypt on {ApiSecretKmsKeyArn} if HasApiSecretKmsKey",
                $"ssm:GetParameter on {Arn}:ssm:{{AWS::Region}}:{{AWS::AccountId}}:parameter{{ApiSecretParameterName}}",
            ],
            Grants(HolderOf("api")).Where(g => !g.StartsWith("lambda:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var kms = readers.Single(s => s.Actions.Contains("kms:Decrypt"));
        Assert.Equal("ssm.{AWS::Region}.amazonaws.com", CfnTemplate.Render(kms.Json["Condition"]!["StringEquals"]!["kms:ViaService"]));
    }

    [Fact]
    public void The_state_machine_may_run_its_steps_its_map_and_its_notification_only()
    {
        var (id, machine) = Template.ResourcesOfType("AWS::Serverless::StateMachine").Single();
        var steps = new[] { "digest-plan", "digest-part", "digest-merge" }.Select(h => $"lambda:InvokeFunction on {{{HolderOf(h)}.Arn}}");

        Assert.Equal("{AWS::StackName}-digest", CfnTemplate.Render(machine["Name"]));
        Assert.Equal(
            steps.Concat(
            [
                $"s3:ListBucket on {SourceBucket}",
                $"sns:Publish on {{{machine["DefinitionSubstitutions"]!["FailureTopicArn"]!["Ref"]}}}",
                $"states:DescribeExecution on {StateMachine.Replace("stateMachine:", "execution:", StringComparison.Ordinal)}/*",
                $"states:StartExecution on {StateMachine}",
                $"states:StopExecution on {StateMachine.Replace("stateMachine:", "execution:", StringComparison.Ordinal)}/*",
            ]).Order(StringComparer.Ordinal),
            Grants(id).Order(StringComparer.Ordinal));
    }
}
