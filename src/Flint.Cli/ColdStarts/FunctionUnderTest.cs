namespace Flint.Cli.ColdStarts;

/// <summary>A function the harness measures: its project, the folders its build depends on, its handler and event.</summary>
internal sealed record FunctionUnderTest(string Name, string Project, IReadOnlyList<string> SourceFolders, string? Handler, string Payload)
{
    public static readonly FunctionUnderTest Hello = new(
        "hello", "bench/Flint.Hello", ["bench/Flint.Hello", "src/Flint.Runtime", "src/Flint.Runtime.HttpClient", "src/Flint.Generators"],
        Handler: null, Payload: "{\"hello\":\"cold start\"}");

    public static FunctionUnderTest? Named(string name) => name switch
    {
        "hello" => Hello,
        _ => null,
    };
}
