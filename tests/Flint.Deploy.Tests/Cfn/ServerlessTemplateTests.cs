using System.Text.Json.Nodes;
using Xunit;

namespace Flint.Deploy.Tests.Cfn;

/// <summary>serverless.template: references, functions, schedule, API.</summary>
public sealed class ServerlessTemplateTests
{
    internal static readonly CfnTemplate Template = new(Repo.Json("serverless.template"));

    private static JsonObject Globals => Template.Root["Globals"]!["Function"]!.AsObject();

    /// <summary>A function property, or the Globals one when the function does not set it.</summary>
    internal static JsonNode? Effective(JsonObject properties, string name) => properties[name] ?? Globals[name];

    internal static IEnumerable<(string Id, JsonObject Properties)> Functions =>
        Template.ResourcesOfType("AWS::Serverless::Function");

    [Fact]
    public void Is_a_sam_template_whose_references_all_resolve()
    {
        Assert.Equal("AWS::Serverless-2016-10-31", Template.Root["Transform"]!.GetValue<string>());
        var problems = Template.UnresolvedReferences(out var count);

        Assert.Empty(problems);
        Assert.True(count > 40, $"Only {count} references were checked.");
    }

    [Fact]
    public void The_reference_check_reports_what_does_not_resolve()
    {
        var broken = new CfnTemplate(JsonNode.Parse("""
            {
              "Parameters": { "P": { "Type": "String" } },
              "Resources": {
                "Topic": { "Type": "AWS::SNS::Topic", "Condition": "Missing", "Properties": {
                  "DisplayName": { "Fn::Sub": ["${P}-${Local}-${Nope}-${!Escaped}-${Topic.TopicName}", { "Local": "x" }] },
                  "TopicName": { "Fn::GetAtt": ["Topic", "Arn"] },
                  "KmsMasterKeyId": { "Ref": "Unknown" } } }
              }
            }
            """)!.AsObject());

        var problems = broken.UnresolvedReferences(out _);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("Condition Missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("${Nope}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Topic.Arn", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Ref Unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_handler_of_the_bootstrap_is_a_function_on_provided_al2023()
    {
        var handlers = Functions.Select(f => Effective(f.Properties, "Handler")!.GetValue<string>()).ToList();

        Assert.Equal(["api", "digest", "digest-merge", "digest-part", "digest-plan", "worker"], FunctionSource.HandlerNames.Order(StringComparer.Ordinal));
        Assert.Equal(FunctionSource.HandlerNames.Order(StringComparer.Ordinal), handlers.Order(StringComparer.Ordinal));
        Assert.All(Functions, f => Assert.Equal("provided.al2023", Effective(f.Properties, "Runtime")!.GetValue<string>()));
    }

    [Fact]
    public void Code_is_the_zip_flint_package_writes_for_the_function_architecture()
    {
        foreach (var (id, properties) in Functions)
        {
            var architectures = CfnTemplate.Strings(Effective(properties, "Architectures"));
            var architecture = Assert.Single(architectures);

            Assert.Contains(architecture, new[] { "x86_64", "arm64" });
            Assert.True($"artifacts/{architecture}/function.zip" == Effective(properties, "CodeUri")!.GetValue<string>(), $"{id}'s CodeUri is not its architecture's package.");
        }
    }

    [Fact]
    public void Every_environment_variable_is_one_the_functions_read()
    {
        foreach (var (id, properties) in Functions)
        {
            var variables = properties["Environment"]!["Variables"]!.AsObject();
            Assert.All(variables, v => Assert.True(FunctionSource.EnvironmentNames.Contains(v.Key), $"{id} sets {v.Key}, which no function reads."));
        }
    }

    [Fact]
    public void The_schedule_runs_at_eight_in_a_time_zone_and_starts_the_state_machine()
    {
        var (_, schedule) = Assert.Single(Template.ResourcesOfType("AWS::Scheduler::Schedule"));
        var zoneParameter = schedule["ScheduleExpressionTimezone"]!["Ref"]!.GetValue<string>();
        var zone = Template.Parameters[zoneParameter]!["Default"]!.GetValue<string>();
        var target = schedule["Target"]!.AsObject();

        Assert.Equal("cron(0 8 * * ? *)", schedule["ScheduleExpression"]!.GetValue<string>());
        Assert.Equal("Europe/Paris", TimeZoneInfo.FindSystemTimeZoneById(zone).Id);
        Assert.Equal("OFF", schedule["FlexibleTimeWindow"]!["Mode"]!.GetValue<string>());
        Assert.Equal("AWS::Serverless::StateMachine", Template.TypeOf(target["Arn"]!["Ref"]!.GetValue<string>()));
        Assert.Equal("<aws.scheduler.scheduled-time>", JsonNode.Parse(target["Input"]!.GetValue<string>())!["time"]!.GetValue<string>());
        Assert.Contains("time", FunctionContracts.PropertiesOf("DigestInput"));
    }

    [Fact]
    public void The_schedule_role_is_assumable_by_scheduler_only_and_may_only_start_the_state_machine()
    {
        var (_, schedule) = Assert.Single(Template.ResourcesOfType("AWS::Scheduler::Schedule"));
        var role = schedule["Target"]!["RoleArn"]!["Fn::GetAtt"]![0]!.GetValue<string>();
        var trust = Template.Resources[role]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray().Single()!;
        var statement = Assert.Single(Template.Statements(), s => s.Holder == role);

        Assert.Equal("scheduler.amazonaws.com", trust["Principal"]!["Service"]!.GetValue<string>());
        Assert.Equal("{AWS::AccountId}", CfnTemplate.Render(trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]));
        Assert.Equal(["states:StartExecution"], statement.Actions);
        Assert.Equal([CfnTemplate.Render(schedule["Target"]!["Arn"])], statement.Resources);
    }

    [Fact]
    public void The_http_api_routes_post_tasks_to_the_api_handler()
    {
        var routes = Functions
            .SelectMany(f => (f.Properties["Events"]?.AsObject() ?? []).Select(e => (f.Properties, Event: e.Value!.AsObject())))
            .Where(x => x.Event["Type"]!.GetValue<string>() == "HttpApi")
            .ToList();

        var (properties, route) = Assert.Single(routes);
        Assert.Equal("api", properties["Handler"]!.GetValue<string>());
        Assert.Equal("POST", route["Properties"]!["Method"]!.GetValue<string>());
        Assert.Equal("/tasks", route["Properties"]!["Path"]!.GetValue<string>());
        Assert.Equal("2.0", route["Properties"]!["PayloadFormatVersion"]!.GetValue<string>());
        Assert.Equal("AWS::Serverless::HttpApi", Template.TypeOf(route["Properties"]!["ApiId"]!["Ref"]!.GetValue<string>()));
    }

    [Fact]
    public void The_api_finds_its_worker_and_secret_through_its_environment()
    {
        var api = Functions.Single(f => f.Properties["Handler"]!.GetValue<string>() == "api").Properties;
        var worker = Functions.Single(f => f.Properties["Handler"]!.GetValue<string>() == "worker").Id;
        var variables = api["Environment"]!["Variables"]!.AsObject();

        Assert.Contains(variables, v => CfnTemplate.Render(v.Value) == $"{{{worker}}}");
        Assert.Equal("{ApiSecretParameterName}", CfnTemplate.Render(variables["API_SECRET_PARAMETER"]));
        Assert.StartsWith("/", Template.Parameters["ApiSecretParameterName"]!["Default"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
