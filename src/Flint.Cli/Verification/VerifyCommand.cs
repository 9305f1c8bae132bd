using System.CommandLine;
using Spectre.Console;

namespace Flint.Cli.Verification;

/// <summary><c>flint verify ARTIFACT</c>: checks a function.zip or bootstrap against provided.al2023's rules.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var artifact = new Argument<string>("ARTIFACT") { Description = "A function.zip or a bootstrap executable" };
        var arch = new Option<string>("--arch") { Description = "The function's architecture", DefaultValueFactory = _ => "x86_64" };
        arch.AcceptOnlyFromAmong("x86_64", "arm64");
        var maxSize = new Option<double>("--max-size-mb") { Description = "Budget for the uncompressed bootstrap, in MiB", DefaultValueFactory = _ => VerifyOptions.DefaultMaxSizeMb };
        var command = new Command("verify", "Check that a bootstrap (or the zip holding it) will start on provided.al2023: architecture, glibc ≤ 2.34, no libicu, stripped, size, zip layout")
        {
            artifact, arch, maxSize,
        };
        command.SetAction(parse => Run(parse.GetValue(artifact)!, new VerifyOptions(parse.GetValue(arch)!, parse.GetValue(maxSize)), parse.InvocationConfiguration.Output));
        return command;
    }

    /// <summary>Verifies and prints the table; 0 when every check passes, 1 otherwise.</summary>
    public static int Run(string artifact, VerifyOptions options, TextWriter output)
    {
        var result = ArtifactVerifier.Verify(artifact, options);
        Print(result, output);
        return result.Passed ? 0 : 1;
    }

    internal static void Print(VerificationResult result, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
        });
        var table = new Table().Title(Markup.Escape(result.Artifact)).AddColumn("check").AddColumn("result").AddColumn("detail");
        foreach (var check in result.Checks)
        {
            table.AddRow(Markup.Escape(check.Name), check.Passed ? "[green]pass[/]" : "[red]FAIL[/]", Markup.Escape(check.Detail));
        }

        console.Write(table);
        var failed = result.Checks.Where(c => !c.Passed).ToArray();
        console.WriteLine(failed.Length == 0
            ? "verify: all checks passed"
            : $"verify: {failed.Length} check(s) failed: {string.Join(", ", failed.Select(c => c.Name))}");
    }
}
