using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Flint.Deploy.Tests.Cfn;

/// <summary>One IAM statement and who holds it (a resource's logical id), with the condition it depends on.</summary>
internal sealed record Statement(string Holder, JsonObject Json, string? UnderCondition)
{
    public IReadOnlyList<string> Actions => CfnTemplate.Strings(Json["Action"]);

    /// <summary>The resources, rendered readably (see <see cref="CfnTemplate.Render"/>).</summary>
    public IReadOnlyList<string> Resources => Json["Resource"] switch
    {
        JsonArray array => array.Select(r => CfnTemplate.Render(r)).ToList(),
        { } one => [CfnTemplate.Render(one)],
        null => [],
    };
}

/// <summary>
/// A CloudFormation/SAM template in JSON: its intrinsic references and IAM statements, and a readable
/// rendering of intrinsic values (<c>{Param}</c>, <c>{Resource.Attr}</c>) so tests can compare ARNs as text.
/// </summary>
internal sealed partial class CfnTemplate(JsonObject root)
{
    public static readonly IReadOnlySet<string> PseudoParameters = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
        "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    /// <summary>The attributes Fn::GetAtt may read, by resource type (those Flint's template could use).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Attributes = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["AWS::Serverless::Function"] = ["Arn"],
        ["AWS::Serverless::StateMachine"] = ["Arn", "Name"],
        ["AWS::Serverless::HttpApi"] = ["ApiEndpoint", "ApiId"],
        ["AWS::IAM::Role"] = ["Arn", "RoleId"],
        ["AWS::SNS::Topic"] = ["TopicArn", "TopicName"],
        ["AWS::Scheduler::Schedule"] = ["Arn"],
    };

    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["Parameters"]?.AsObject() ?? [];

    public JsonObject Conditions => Root["Conditions"]?.AsObject() ?? [];

    public JsonObject Resources => Root["Resources"]!.AsObject();

    public string TypeOf(string logicalId) => Resources[logicalId]!["Type"]!.GetValue<string>();

    public IEnumerable<(string Id, JsonObject Properties)> ResourcesOfType(string type) =>
        Resources.Where(r => r.Value!["Type"]!.GetValue<string>() == type)
            .Select(r => (r.Key, r.Value!["Properties"]!.AsObject()));

    /// <summary>Every reference that does not resolve, as "path: message"; empty when all do.</summary>
    public IReadOnlyList<string> UnresolvedReferences(out int checkedCount)
    {
        var problems = new List<string>();
        var count = 0;
        Walk(Root, "$", (node, path) =>
        {
            if (node is not JsonObject obj)
            {
                return;
            }

            foreach (var (key, value) in obj)
            {
                var at = $"{path}.{key}";
                switch (key)
                {
                    case "Ref":
                        count++;
                        Check(ResolvesName(value!.GetValue<string>()), at, $"Ref {value} names no parameter, resource or pseudo parameter");
                        break;
                    case "Fn::GetAtt":
                        count++;
                        var parts = value is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToArray() : value!.GetValue<string>().Split('.', 2);
                        Check(ResolvesAttribute(parts[0], parts[1]), at, $"Fn::GetAtt {parts[0]}.{parts[1]} does not resolve");
                        break;
                    case "Fn::Sub":
                        var (text, locals) = value is JsonArray s ? (s[0]!.GetValue<string>(), s[1]!.AsObject()) : (value!.GetValue<string>(), new JsonObject());
                        foreach (Match m in SubVariable().Matches(text))
                        {
                            count++;
                            var name = m.Groups["name"].Value;
                            var resolves = locals.ContainsKey(name) || ResolvesName(name)
                                || (name.Split('.', 2) is [var r, var attr] && ResolvesAttribute(r, attr));
                            Check(resolves, at, $"Fn::Sub ${{{name}}} does not resolve");
                        }

                        break;
                    case "Fn::If":
                        count++;
                        Check(Conditions.ContainsKey(value![0]!.GetValue<string>()), at, $"Fn::If names no condition {value[0]}");
                        break;
                    case "Condition" when value is JsonValue && path.StartsWith("$.Resources", StringComparison.Ordinal):
                        count++;
                        Check(Conditions.ContainsKey(value.GetValue<string>()), at, $"Condition {value} is not declared");
                        break;
                }
            }
        });

        checkedCount = count;
        return problems;

        void Check(bool ok, string at, string message)
        {
            if (!ok)
            {
                problems.Add($"{at}: {message}");
            }
        }
    }

    /// <summary>Every IAM statement: SAM function and state machine inline policies, IAM role policies.</summary>
    public IEnumerable<Statement> Statements()
    {
        foreach (var (id, value) in Resources)
        {
            var properties = value!["Properties"]?.AsObject();
            var documents = new List<JsonNode>();
            if (properties?["Policies"] is JsonArray policies)
            {
                foreach (var policy in policies)
                {
                    documents.Add(policy!["PolicyDocument"] ?? policy);
                }
            }

            foreach (var document in documents)
            {
                foreach (var statement in document["Statement"]?.AsArray() ?? [])
                {
                    if (statement!["Fn::If"] is JsonArray branch)
                    {
                        foreach (var side in branch.Skip(1).OfType<JsonObject>().Where(s => s["Ref"]?.GetValue<string>() != "AWS::NoValue"))
                        {
                            yield return new Statement(id, side, branch[0]!.GetValue<string>());
                        }
                    }
                    else
                    {
                        yield return new Statement(id, statement.AsObject(), null);
                    }
                }
            }
        }
    }

    /// <summary>
    /// A readable form of a value: literals as is, <c>{"Ref":"P"}</c> as <c>{P}</c>, Fn::GetAtt as <c>{R.A}</c>,
    /// Fn::Sub expanded with its variables rendered, Fn::Select 0 of Fn::Split as <c>{P before 'x'}</c>,
    /// Fn::If as <c>{if C then A else B}</c>.
    /// </summary>
    public static string Render(JsonNode? node) => node switch
    {
        JsonValue value => value.ToString(),
        JsonObject o when o["Ref"] is { } r => $"{{{r}}}",
        JsonObject o when o["Fn::GetAtt"] is JsonArray g => $"{{{g[0]}.{g[1]}}}",
        JsonObject o when o["Fn::Sub"] is { } s => RenderSub(s),
        JsonObject o when o["Fn::Select"] is JsonArray { Count: 2 } sel && sel[1]?["Fn::Split"] is JsonArray split
            => $"{{{Render(split[1]).Trim('{', '}')} before '{split[0]}'}}",
        JsonObject o when o["Fn::If"] is JsonArray f => $"{{if {f[0]} then {Render(f[1])} else {Render(f[2])}}}",
        _ => node?.ToJsonString() ?? string.Empty,
    };

    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(a => a!.GetValue<string>()).ToList(),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static string RenderSub(JsonNode sub)
    {
        var (text, locals) = sub is JsonArray s ? (s[0]!.GetValue<string>(), s[1]!.AsObject()) : (sub.GetValue<string>(), new JsonObject());
        return SubVariable().Replace(text, m =>
            locals[m.Groups["name"].Value] is { } local ? Render(local) : $"{{{m.Groups["name"].Value}}}");
    }

    private bool ResolvesName(string name) =>
        Parameters.ContainsKey(name) || Resources.ContainsKey(name) || PseudoParameters.Contains(name);

    private bool ResolvesAttribute(string resource, string attribute) =>
        Resources.ContainsKey(resource)
        && Attributes.TryGetValue(TypeOf(resource), out var known)
        && known.Contains(attribute, StringComparer.Ordinal);

    private static void Walk(JsonNode? node, string path, Action<JsonNode, string> visit)
    {
        if (node is null)
        {
            return;
        }

        visit(node, path);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Walk(value, $"{path}.{key}", visit);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", visit);
                }

                break;
        }
    }

    /// <summary>${Name} or ${Resource.Attr}; ${!Literal} is an escape, not a variable.</summary>
    [GeneratedRegex(@"\$\{(?<name>[^!}][^}]*)\}")]
    internal static partial Regex SubVariable();
}
