using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Flint.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flint.Generators.Tests;

/// <summary>What one in-memory generator run produced.</summary>
internal sealed record GeneratorRun(
    IReadOnlyList<byte[]> ReferencedImages,
    CSharpCompilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompileDiagnostics,
    IReadOnlyDictionary<string, string> FlintSources)
{
    /// <summary>Flint's generated dispatch table source.</summary>
    public string Table => FlintSources["Flint.LambdaHandlers.g.cs"];

    public bool HasMain => FlintSources.ContainsKey("Flint.LambdaEntryPoint.g.cs");

    /// <summary>Every warning and error: from the generators and from compiling their output.</summary>
    public IEnumerable<Diagnostic> Problems =>
        GeneratorDiagnostics.Concat(CompileDiagnostics).Where(static d => d.Severity >= DiagnosticSeverity.Warning);

    /// <summary>Compiles the output, loads it into a throw-away load context and returns its generated table.</summary>
    public LambdaHandlerTable LoadTable()
    {
        using var image = new MemoryStream();
        var emit = Output.Emit(image);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("generated", isCollectible: true);
        var referenced = ReferencedImages.Select(bytes => context.LoadFromStream(new MemoryStream(bytes))).ToList();
        context.Resolving += (_, name) => referenced.FirstOrDefault(a => a.GetName().Name == name.Name);
        var assembly = context.LoadFromStream(image);
        var type = assembly.GetType("Flint.Generated.LambdaHandlers", throwOnError: true)!;
        return (LambdaHandlerTable)Activator.CreateInstance(type, nonPublic: true)!;
    }
}

/// <summary>Runs Flint's generator, with System.Text.Json's, over small sources: what a user's build would do.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);
    private static readonly Lazy<ISourceGenerator> JsonGenerator = new(LoadJsonGenerator);

    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Flint.Runtime;

        """;

    public static GeneratorRun Run(string source, OutputKind outputKind = OutputKind.ConsoleApplication, bool withUsings = true, params byte[][] libraries)
    {
        var tree = CSharpSyntaxTree.ParseText(
            withUsings ? Usings + source : source,
            new CSharpParseOptions(LanguageVersion.Latest),
            path: "Functions.cs");
        var compilation = CSharpCompilation.Create(
            "UserFunction",
            [tree],
            [.. References.Value, .. libraries.Select(static l => MetadataReference.CreateFromImage(l))],
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new LambdaHandlerGenerator().AsSourceGenerator(), JsonGenerator.Value],
            parseOptions: (CSharpParseOptions)tree.Options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var flint = driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(LambdaHandlerGenerator));
        var sources = flint.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new GeneratorRun(libraries, (CSharpCompilation)output, generatorDiagnostics, output.GetDiagnostics(), sources);
    }

    /// <summary>A console-app compilation of <paramref name="trees"/> against the framework and Flint.Runtime.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "UserFunction", trees, References.Value, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Compiles a library (with its JSON context generated) and returns its image, to reference from a function.</summary>
    public static byte[] CompileLibrary(string name, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(Usings + source, new CSharpParseOptions(LanguageVersion.Latest), path: name + ".cs");
        var compilation = CSharpCompilation.Create(
            name, [tree], References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([JsonGenerator.Value], parseOptions: (CSharpParseOptions)tree.Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var image = new MemoryStream();
        var emit = output.Emit(image);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        return image.ToArray();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The running framework's assemblies (what a net10.0 build compiles against, near enough) and Flint.Runtime.
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(static p => Path.GetFileName(p) is var name &&
                (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "netstandard.dll" or "mscorlib.dll"));
        return [.. framework.Select(static p => MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(LambdaHandlerTable).Assembly.Location)];
    }

    /// <summary>System.Text.Json's source generator, from the SDK's reference pack of the running framework.</summary>
    private static ISourceGenerator LoadJsonGenerator()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var pack = Directory.GetDirectories(packs)
            .OrderByDescending(static d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
            .First();
        var path = Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        var assembly = Assembly.LoadFrom(path);
        var type = assembly.GetTypes().Single(static t => t.Name == "JsonSourceGenerator");
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }
}
