using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flint.Generators;

/// <summary>Reads the other declarations the generator depends on: <c>[LambdaInit]</c> methods, JSON contexts, user entry points.</summary>
internal static class DeclarationParsers
{
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";

    public static InitParseResult ParseInit(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var display = Symbols.DisplayName(method);
        var location = LocationInfo.From(syntax.Identifier.GetLocation());
        var diagnostics = new List<DiagnosticInfo>();
        Symbols.CheckCallable(method, display, location, Diagnostics.InvalidInit, diagnostics);

        // One message per rule broken keeps each actionable; the accessibility one comes from CheckCallable.
        var returnsTask = Symbols.IsType(method.ReturnType, "System.Threading.Tasks.Task");
        string? reason = !method.IsStatic ? "it is not static"
            : method.Parameters.Length > 0 ? "it takes parameters"
            : !method.ReturnsVoid && !returnsTask ? $"it returns '{method.ReturnType.ToDisplayString()}'"
            : method.IsAsync && method.ReturnsVoid ? "an async void method cannot be awaited; return Task instead"
            : null;
        if (reason is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidInit, location, display, reason));
        }

        var init = diagnostics.Count == 0 ? new InitModel(Symbols.FullName(method.ContainingType), method.Name, returnsTask) : null;
        return new InitParseResult(init, diagnostics.ToEquatableArray());
    }

    /// <summary>A class with <c>[JsonSerializable]</c>: a context model when it derives from JsonSerializerContext and generated code can reach it.</summary>
    public static JsonContextModel? ParseJsonContext(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        if (context.TargetSymbol is not INamedTypeSymbol type ||
            !Symbols.InheritsFrom(type, JsonSerializerContext) ||
            !Symbols.IsReachable(type))
        {
            return null;
        }

        return ReadContext(type);
    }

    /// <summary>The context's name and the types its <c>[JsonSerializable]</c> attributes list.</summary>
    public static JsonContextModel ReadContext(INamedTypeSymbol type)
    {
        var keys = type.GetAttributes()
            .Where(static a => Symbols.IsType(a.AttributeClass, JsonSerializableAttribute))
            .Select(static a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as ITypeSymbol : null)
            .Where(static t => t is not null)
            .Select(static t => Symbols.FullName(t!))
            .Distinct()
            .OrderBy(static k => k, StringComparer.Ordinal);
        return new JsonContextModel(Symbols.FullName(type), keys.ToEquatableArray());
    }

    /// <summary>Cheap, syntax-only: could this node be a user-written entry point?</summary>
    public static bool IsEntryPointCandidate(SyntaxNode node, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        return node is GlobalStatementSyntax ||
            (node is MethodDeclarationSyntax { Identifier.ValueText: "Main" } method &&
             method.Modifiers.Any(SyntaxKind.StaticKeyword) &&
             method.Parent is TypeDeclarationSyntax);
    }

    public static EntryPointModel ReadEntryPoint(Compilation compilation, bool hasCandidate) =>
        new(
            compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication,
            hasCandidate || compilation.Options.MainTypeName is not null);
}
