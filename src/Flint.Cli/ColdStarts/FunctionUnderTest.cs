using System.Globalization;

namespace Flint.Cli.ColdStarts;

/// <summary>A function the harness measures: its project, the folders its build depends on, its handler and event.</summary>
/// <param name="Name">Names the report and the build cache.</param>
/// <param name="Project">The project published for every variant.</param>
/// <param name="SourceFolders">What the source hash covers.</param>
/// <param name="Handler"><c>_HANDLER</c>; null leaves it unset (the table's default).</param>
/// <param name="Payload">The event of every invocation.</param>
/// <param name="UsesS3">Runs against moto_server holding a generated day of access logs (<see cref="DigestDay"/>).</param>
/// <param name="SameAsDefault">Variants whose build settings the project already has (built, they would repeat <c>aot</c>): left out by default.</param>
/// <param name="ResponseMustContain">Text every response holds when the function did its work (not an empty day, say); null: any success.</param>
internal sealed record FunctionUnderTest(string Name, string Project, IReadOnlyList<string> SourceFolders, string? Handler, string Payload, bool UsesS3 = false, IReadOnlyList<string>? SameAsDefault = null, string? ResponseMustContain = null)
{
    /// <summary>The day the digest is asked for; its logs are generated under logs/{yyyy}/{MM}/{dd}/.</summary>
    public static readonly DateOnly DigestDay = new(2026, 11, 27);

    public static readonly FunctionUnderTest Hello = new(
        "hello", "bench/Flint.Hello", ["bench/Flint.Hello", "src/Flint.Runtime", "bench/Flint.Runtime.HttpClient", "src/Flint.Generators"],
        Handler: null, Payload: "{\"hello\":\"cold start\"}");

    /// <summary>The S3 digest of src/Flint.Functions: Init builds the S3 client (and lists one key), the first invoke reads and digests the day.</summary>
    public static readonly FunctionUnderTest Digest = new(
        "digest", "src/Flint.Functions", ["src/Flint.Functions", "src/Flint.Runtime", "src/Flint.Generators", "src/Flint.Aws", "src/Flint.Records", "src/Flint.Events"],
        Handler: "digest", Payload: "{\"date\":\"" + DigestDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "\"}", UsesS3: true,
        SameAsDefault: ["aot-size"], // Flint.Functions.csproj sets OptimizationPreference=Size itself
        ResponseMustContain: "\"requests\":" + S3Fixture.Records.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// <c>worker</c>'s <c>read</c> task: Init builds the S3 client and lists one key under <c>messages/</c>, the first invoke
    /// reads one small JSON object and returns its message — the smallest real S3 function.
    /// </summary>
    public static readonly FunctionUnderTest Worker = new(
        "worker", "src/Flint.Functions", Digest.SourceFolders,
        Handler: "worker", Payload: "{\"task\":\"read\",\"key\":\"" + S3Fixture.MessageKey + "\"}", UsesS3: true,
        SameAsDefault: ["aot-size"],
        ResponseMustContain: S3Fixture.Message);

    public static IReadOnlyList<string> Names { get; } = ["hello", "digest", "worker"];

    /// <summary>A user's function: its project, its folder hashed, the handler and event given (<c>{}</c> by default).</summary>
    public static FunctionUnderTest ForProject(Packaging.FunctionProject project, string? handler, string? payload) =>
        new(project.Name, project.File, [project.Directory], handler, payload ?? "{}") { IsUserProject = true };

    /// <summary>Built from a project outside Flint's own (<c>--project</c>): only the variants that apply to any Flint function.</summary>
    public bool IsUserProject { get; init; }

    public static FunctionUnderTest? Named(string name) => name switch
    {
        "hello" => Hello,
        "digest" => Digest,
        "worker" => Worker,
        _ => null,
    };
}
