using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flint.Generators.Tests;

/// <summary>The pipeline's models are equatable, so edits that do not touch handlers reuse the previous output.</summary>
public sealed class IncrementalTests
{
    [Fact]
    public void An_edit_elsewhere_leaves_the_handler_model_cached()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var functions = CSharpSyntaxTree.ParseText(GeneratorHarness.Usings + DispatchTests.Models + """
            public static partial class Functions
            {
                [LambdaHandler("order")]
                public static Receipt H(Order o) => new(o.Id, 1);
            }
            """, parse, path: "Functions.cs");
        var other = CSharpSyntaxTree.ParseText("namespace App; public static class Other { public static int Value => 1; }", parse, path: "Other.cs");
        var compilation = GeneratorHarness.CreateCompilation([functions, other]);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new LambdaHandlerGenerator().AsSourceGenerator()],
            parseOptions: parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            other,
            CSharpSyntaxTree.ParseText("namespace App; public static class Other { public static int Value => 2; }", parse, path: "Other.cs"));
        driver = driver.RunGenerators(edited);

        var model = driver.GetRunResult().Results.Single().TrackedSteps[LambdaHandlerGenerator.ModelStep];
        Assert.All(model.SelectMany(step => step.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }
}
