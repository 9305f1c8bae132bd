using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Flint.Deploy.Tests.Cfn;

/// <summary>The digest state machine: its ASL file, its substitutions, and the handlers it calls.</summary>
public sealed class AslTests
{
    private static readonly string[] TransientLambdaErrors =
        ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"];

    private static readonly JsonObject Machine =
        ServerlessTemplateTests.Template.ResourcesOfType("AWS::Serverless::StateMachine").Single().Properties;

    private static readonly string AslPath = Machine["DefinitionUri"]!.GetValue<string>();

    private static readonly JsonObject Asl = Repo.Json(AslPath);

    private static JsonObject Top => Asl["States"]!.AsObject();

    private static JsonObject Map => Top.Single(s => s.Value!["Type"]!.GetValue<string>() == "Map").Value!.AsObject();

    /// <summary>Every state with its scope's states, the top level and the map's item processor.</summary>
    private static IEnumerable<(string Name, JsonObject State, JsonObject Scope)> AllStates()
    {
        foreach (var scope in new[] { Top, Map["ItemProcessor"]!["States"]!.AsObject() })
        {
            foreach (var (name, state) in scope)
            {
                yield return (name, state!.AsObject(), scope);
            }
        }
    }

    private static IEnumerable<(string Name, JsonObject State)> LambdaTasks() => AllStates()
        .Where(s => s.State["Resource"]?.GetValue<string>() == "arn:aws:states:::lambda:invoke")
        .Select(s => (s.Name, s.State));

    [Fact]
    public void Substitutions_are_exactly_the_placeholders_of_the_asl()
    {
        var placeholders = Regex.Matches(Repo.Text(AslPath), @"\$\{(\w+)\}").Select(m => m.Groups[1].Value).ToHashSet();
        var substitutions = Machine["DefinitionSubstitutions"]!.AsObject().Select(s => s.Key).ToHashSet();

        Assert.Equal("deploy/digest.asl.json", AslPath);
        Assert.Equal(placeholders.Order(), substitutions.Order());
    }

    [Fact]
    public void Every_lambda_task_calls_a_function_whose_handler_is_in_the_bootstrap()
    {
        var called = new List<string>();
        foreach (var (name, state) in LambdaTasks())
        {
            var placeholder = Regex.Match(state["Parameters"]!["FunctionName"]!.GetValue<string>(), @"^\$\{(\w+)\}$").Groups[1].Value;
            var function = Machine["DefinitionSubstitutions"]![placeholder]!["Fn::GetAtt"]!;
            Assert.Equal("Arn", function[1]!.GetValue<string>());
            var handler = ServerlessTemplateTests.Template.Resources[function[0]!.GetValue<string>()]!["Properties"]!["Handler"]!.GetValue<string>();
            Assert.True(FunctionSource.HandlerNames.Contains(handler), $"{name} calls {handler}, which the bootstrap does not have.");
            called.Add(handler);
        }

        Assert.Equal(["digest-merge", "digest-part", "digest-plan"], called.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_transition_names_a_state_of_its_scope_and_every_state_is_reachable()
    {
        foreach (var scope in new[] { Asl, Map["ItemProcessor"]!.AsObject() })
        {
            var states = scope["States"]!.AsObject();
            var reached = new HashSet<string>(StringComparer.Ordinal) { scope["StartAt"]!.GetValue<string>() };
            foreach (var (name, state) in states)
            {
                var next = new List<string?> { state!["Next"]?.GetValue<string>() };
                next.AddRange((state["Catch"]?.AsArray() ?? []).Select(c => c!["Next"]!.GetValue<string>()));
                foreach (var target in next.OfType<string>())
                {
                    Assert.True(states.ContainsKey(target), $"{name} goes to {target}, which is not a state of its scope.");
                    reached.Add(target);
                }

                var type = state["Type"]!.GetValue<string>();
                Assert.True(state["Next"] is not null ^ (state["End"]?.GetValue<bool>() == true || type is "Succeed" or "Fail"), $"{name} must either go on or end.");
            }

            Assert.Equal(states.Select(s => s.Key).Order(), reached.Order());
        }
    }

    [Fact]
    public void The_map_is_distributed_over_the_s3_listing_of_the_planned_prefix()
    {
        var reader = Map["ItemReader"]!.AsObject();
        var plan = Top[Asl["StartAt"]!.GetValue<string>()]!.AsObject();
        var planned = plan["ResultSelector"]!.AsObject().Select(p => p.Key.TrimEnd('.', '$')).ToHashSet();

        Assert.Equal("DISTRIBUTED", Map["ItemProcessor"]!["ProcessorConfig"]!["Mode"]!.GetValue<string>());
        Assert.Equal("arn:aws:states:::s3:listObjectsV2", reader["Resource"]!.GetValue<string>());
        Assert.Equal("$.plan.bucket", reader["Parameters"]!["Bucket.$"]!.GetValue<string>());
        Assert.Equal("$.plan.prefix", reader["Parameters"]!["Prefix.$"]!.GetValue<string>());
        Assert.Equal("$.plan", plan["ResultPath"]!.GetValue<string>());
        Assert.Superset(new HashSet<string> { "bucket", "prefix", "date", "runId" }, planned);
        Assert.InRange(Map["MaxConcurrency"]!.GetValue<int>(), 1, 1000);
        Assert.InRange(Map["ItemBatcher"]!["MaxItemsPerBatch"]!.GetValue<int>(), 1, 1000);
        Assert.Equal(0, Map["ToleratedFailurePercentage"]!.GetValue<int>());
        Assert.Null(Map["ResultPath"]?.GetValue<string>());
        Assert.True(Map.ContainsKey("ResultPath"), "The map's results must be discarded, or a large day overflows the state's 256 KB.");
    }

    [Fact]
    public void What_the_states_pass_and_read_are_properties_of_the_handlers_types()
    {
        var plan = Top[Asl["StartAt"]!.GetValue<string>()]!.AsObject();
        var part = Map["ItemProcessor"]!["States"]!.AsObject().Single().Value!.AsObject();
        var merge = Top[Map["Next"]!.GetValue<string>()]!.AsObject();

        Assert.All(plan["ResultSelector"]!.AsObject(), p =>
            Assert.Contains(p.Value!.GetValue<string>()["$.Payload.".Length..], FunctionContracts.PropertiesOf("DigestPlan")));
        Assert.All(Map["ItemBatcher"]!["BatchInput"]!.AsObject(), p => Assert.Contains(p.Key.TrimEnd('.', '$'), FunctionContracts.PropertiesOf("DigestPartInput")));
        Assert.All(Map["ItemSelector"]!.AsObject(), p => Assert.Contains(p.Key.TrimEnd('.', '$'), FunctionContracts.PropertiesOf("DigestPartInput")));
        Assert.Contains("items", FunctionContracts.PropertiesOf("DigestPartInput"));
        Assert.Contains("batchInput", FunctionContracts.PropertiesOf("DigestPartInput"));
        Assert.All(part["ResultSelector"]!.AsObject(), p =>
            Assert.Contains(p.Value!.GetValue<string>()["$.Payload.".Length..], FunctionContracts.PropertiesOf("DigestPartResult")));
        Assert.All(merge["Parameters"]!["Payload"]!.AsObject(), p => Assert.Contains(p.Key.TrimEnd('.', '$'), FunctionContracts.PropertiesOf("DigestMergeInput")));
    }

    [Fact]
    public void Every_lambda_task_retries_transient_lambda_errors_with_backoff()
    {
        foreach (var (name, state) in LambdaTasks())
        {
            var retry = state["Retry"]!.AsArray().Single(r => CfnTemplate.Strings(r!["ErrorEquals"]).Contains("Lambda.ServiceException"))!;

            Assert.True(TransientLambdaErrors.All(CfnTemplate.Strings(retry["ErrorEquals"]).Contains), $"{name} does not retry all transient Lambda errors.");
            Assert.True(retry["BackoffRate"]!.GetValue<double>() > 1, $"{name} retries without backoff.");
            Assert.InRange(retry["MaxAttempts"]!.GetValue<int>(), 1, 10);
        }
    }

    [Fact]
    public void Every_failure_of_the_run_is_caught_notified_and_ends_in_a_fail_state()
    {
        var notify = Top.Single(s => s.Value!["Resource"]?.GetValue<string>() == "arn:aws:states:::sns:publish");
        var failed = notify.Value!["Next"]!.GetValue<string>();

        Assert.Equal("Fail", Top[failed]!["Type"]!.GetValue<string>());
        Assert.Equal("${FailureTopicArn}", notify.Value["Parameters"]!["TopicArn"]!.GetValue<string>());
        Assert.Equal("AWS::SNS::Topic", ServerlessTemplateTests.Template.TypeOf(Machine["DefinitionSubstitutions"]!["FailureTopicArn"]!["Ref"]!.GetValue<string>()));
        foreach (var (name, state) in Top.Where(s => s.Value!["Type"]!.GetValue<string>() is "Task" or "Map"))
        {
            var catchAll = state!["Catch"]!.AsArray().Single(c => CfnTemplate.Strings(c!["ErrorEquals"]).SequenceEqual(["States.ALL"]))!;
            var next = catchAll["Next"]!.GetValue<string>();
            Assert.True(next == notify.Key || next == failed, $"{name} does not send its failures to {notify.Key}.");
        }
    }
}
