using Flint.Cli.Moto;
using System.CommandLine;
using Flint.Cli.Packaging;
using Spectre.Console;

namespace Flint.Cli.Demo;

/// <summary>
/// <c>flint demo</c>: publish the Flint.Functions bootstrap, start moto_server and Flint.Local, load a generated day of logs,
/// run the scheduled digest (cold, then warm) and a signed API request, print the report, the API result and the timings.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var records = new Option<int>("--records") { Description = "Valid access-log records generated for yesterday", DefaultValueFactory = _ => 20_000 };
        var command = new Command("demo", "Run the digest and api functions end to end on this machine (moto_server for S3, Flint.Local for Lambda)") { records };
        command.SetAction(async (parse, interrupted) =>
        {
            using var stop = Termination.Linked(interrupted);
            var cancellationToken = stop.Token;
            var count = parse.GetValue(records);
            if (count < 100)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("flint demo: --records must be at least 100");
                return 2;
            }

            var root = RepoRoot.Require("demo", parse.InvocationConfiguration.Error);
            return root is null ? 1 : await RunAsync(root, count, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the demo; 0 on success, 1 with a message on <paramref name="error"/> on any failure. Always stops moto and the emulator.</summary>
    public static async Task<int> RunAsync(string repoRoot, int records, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        if (output != Console.Out || Console.IsOutputRedirected)
        {
            // Keep REPORT lines and tables on one line each when captured (Spectre's default width for a non-terminal is 80).
            console.Profile.Width = 140;
        }

        var moto = MotoS3.Find();
        if (moto is null)
        {
            await error.WriteLineAsync("flint demo: moto_server is not on PATH (install it with `pip install 'moto[server]'`); the demo needs it for S3.");
            return 1;
        }

        try
        {
            await new DemoRun(console, repoRoot, moto, records).RunAsync(cancellationToken);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("flint demo: cancelled");
            return 130;
        }
        catch (Exception e)
        {
            // Any failure (publish, moto, a function error, an unexpected report) ends the demo with one clear line, not a stack trace.
            await error.WriteLineAsync("flint demo: " + e.Message);
            return 1;
        }
    }
}

/// <summary>A demo step did not give the expected result.</summary>
internal sealed class DemoFailedException(string message) : Exception(message);
