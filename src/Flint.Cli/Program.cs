using System.CommandLine;
using Flint.Cli.LambdaReports;

namespace Flint.Cli;

/// <summary>The <c>flint</c> command line.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var sigterm = Termination.Register();
        return CreateRoot().Parse(args).Invoke();
    }

    internal static RootCommand CreateRoot() =>
        new("flint: package, verify and measure Native AOT Lambda functions")
        {
            ReportCommand.Create(),
            Verification.VerifyCommand.Create(),
            Packaging.PackageCommand.Create(),
            ColdStarts.ColdStartCommand.Create(),
            Benchmarks.BenchCommand.Create(),
            Demo.DemoCommand.Create(),
        };
}
