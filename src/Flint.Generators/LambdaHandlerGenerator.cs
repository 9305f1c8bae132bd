using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flint.Generators;

/// <summary>
/// Turns <c>[LambdaHandler]</c> methods into a dispatch table, JSON wiring through the user's
/// <c>JsonSerializerContext</c> and a <c>Main</c>; reports at compile time what would otherwise fail at run time.
/// </summary>
/// <remarks>
/// Phases: <see cref="HandlerParser"/> and <see cref="DeclarationParsers"/> read symbols into equatable models,
/// <see cref="Binder"/> checks them against each other, <see cref="Emitter"/> writes the source.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class LambdaHandlerGenerator : IIncrementalGenerator
{
    private const string HandlerAttribute = "Flint.Runtime.LambdaHandlerAttribute";
    private const string InitAttribute = "Flint.Runtime.LambdaInitAttribute";

    /// <summary>The tracking name of the bound model, whose caching tests check.</summary>
    internal const string ModelStep = "FlintModel";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var handlers = context.SyntaxProvider.ForAttributeWithMetadataName(
            HandlerAttribute,
            static (node, _) => node is MethodDeclarationSyntax,
            HandlerParser.Parse).Collect();

        var inits = context.SyntaxProvider.ForAttributeWithMetadataName(
            InitAttribute,
            static (node, _) => node is MethodDeclarationSyntax,
            DeclarationParsers.ParseInit).Collect();

        var contexts = context.SyntaxProvider.ForAttributeWithMetadataName(
            DeclarationParsers.JsonSerializableAttribute,
            static (node, _) => node is ClassDeclarationSyntax,
            DeclarationParsers.ParseJsonContext).Collect();

        var hasEntryPointCandidate = context.SyntaxProvider.CreateSyntaxProvider(
            DeclarationParsers.IsEntryPointCandidate,
            static (_, _) => true).Collect().Select(static (found, _) => found.Length > 0);
        var entryPoint = context.CompilationProvider.Combine(hasEntryPointCandidate)
            .Select(static (pair, _) => DeclarationParsers.ReadEntryPoint(pair.Left, pair.Right));

        var model = handlers.Combine(inits).Combine(contexts).Combine(entryPoint)
            .Select(static (pair, _) => Binder.Bind(pair.Left.Left.Left, pair.Left.Left.Right, pair.Left.Right, pair.Right))
            .WithTrackingName(ModelStep);

        context.RegisterSourceOutput(model, static (output, model) =>
        {
            foreach (var diagnostic in model.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            // Nothing to dispatch: emit nothing, so a library or test project that merely references Flint.Runtime is untouched.
            if (model.Handlers.Count == 0 && model.Diagnostics.Count == 0)
            {
                return;
            }

            output.AddSource("Flint.LambdaHandlers.g.cs", Emitter.EmitTable(model));
            if (model.EmitMain)
            {
                output.AddSource("Flint.LambdaEntryPoint.g.cs", Emitter.EmitEntryPoint());
            }
        });
    }
}
