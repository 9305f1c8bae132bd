using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace Flint.Deploy.Tests.Cfn;

/// <summary>
/// AWS's own linter on the template (SAM transform included) and on the ASL (schema rule E3601, which it
/// applies to an inline AWS::StepFunctions::StateMachine definition). cfn-lint is on this machine's image.
/// </summary>
public sealed class CfnLintTests
{
    [Fact]
    public void Cfn_lint_finds_no_problem_in_the_template_or_the_state_machine_definition()
    {
        var directory = Directory.CreateTempSubdirectory("flint-cfn-lint-");
        try
        {
            var machine = Path.Combine(directory.FullName, "digest-state-machine.template");
            File.WriteAllText(machine, StateMachineTemplate().ToJsonString());

            var (exitCode, output) = Run("cfn-lint", "--format", "parseable", Repo.Path("serverless.template"), machine);

            Assert.True(exitCode == 0, $"cfn-lint exited {exitCode}:\n{output}");
            Assert.Equal(string.Empty, output.Trim());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Cfn_lint_reports_a_state_machine_definition_that_breaks_the_schema()
    {
        var directory = Directory.CreateTempSubdirectory("flint-cfn-lint-");
        try
        {
            var template = StateMachineTemplate();
            template["Resources"]!["Machine"]!["Properties"]!["Definition"]!["States"]!.AsObject().First().Value!["Retry"]![0]!["BackoffRate"] = "fast";
            var machine = Path.Combine(directory.FullName, "broken.template");
            File.WriteAllText(machine, template.ToJsonString());

            var (exitCode, output) = Run("cfn-lint", "--format", "parseable", machine);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("E3601", output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The ASL inline in a plain state machine, with the same substitution names as serverless.template.</summary>
    private static JsonObject StateMachineTemplate()
    {
        var substitutions = new JsonObject();
        foreach (var (name, _) in ServerlessTemplateTests.Template.ResourcesOfType("AWS::Serverless::StateMachine").Single().Properties["DefinitionSubstitutions"]!.AsObject())
        {
            substitutions[name] = name.EndsWith("TopicArn", StringComparison.Ordinal)
                ? "arn:aws:sns:eu-west-3:123456789012:flint-failures"
                : $"arn:aws:lambda:eu-west-3:123456789012:function:{name}";
        }

        return new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Parameters"] = new JsonObject { ["RoleArn"] = new JsonObject { ["Type"] = "String" } },
            ["Resources"] = new JsonObject
            {
                ["Machine"] = new JsonObject
                {
                    ["Type"] = "AWS::StepFunctions::StateMachine",
                    ["Properties"] = new JsonObject
                    {
                        ["RoleArn"] = new JsonObject { ["Ref"] = "RoleArn" },
                        ["Definition"] = Repo.Json("deploy/digest.asl.json"),
                        ["DefinitionSubstitutions"] = substitutions,
                    },
                },
            },
        };
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not on PATH; install it with `pip install cfn-lint==1.51.0`.", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }
    }
}
