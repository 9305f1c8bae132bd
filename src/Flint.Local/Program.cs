namespace Flint.Local;

internal static class Program
{
    public static Task<int> Main(string[] args) => Cli.CommandLine.RunAsync(args);
}
