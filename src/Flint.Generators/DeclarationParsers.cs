using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flint.Generators;

/// <summary>Reads the other declarations the generator depends on: <c>[LambdaInit]</c> methods, JSON contexts, user entry points.</summary>
internal static class DeclarationParsers
{
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
    private const string InitContext = "Flint.Runtime.LambdaInitContext";

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
        var takesContext = method.Parameters.Length == 1 && Symbols.IsType(method.Parameters[0].Type, InitContext);
        var (await, isFactory) = ReadInitReturn(method);
        string? reason = !method.IsStatic ? "it is not static"
            : method.Parameters.Length > 0 && !takesContext ? "it takes parameters other than one LambdaInitContext"
            : await is null ? $"it returns '{method.ReturnType.ToDisplayString()}'"
            : method.IsAsync && method.ReturnsVoid ? "an async void method cannot be awaited; return Task instead"
            : null;
        if (reason is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidInit, location, display, reason));
        }

        var init = diagnostics.Count == 0
            ? new InitModel(Symbols.FullName(method.ContainingType), method.Name, display, takesContext, await!.Value, isFactory, location)
            : null;
        return new InitParseResult(init, diagnostics.ToEquatableArray());
    }

    /// <summary>How an init method's result is awaited and whether it is its type's factory; null await for an unsupported return type.</summary>
    private static (AwaitKind? Await, bool IsFactory) ReadInitReturn(IMethodSymbol method)
    {
        var returned = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return (AwaitKind.None, false);
        }

        if (Symbols.IsType(returned, "System.Threading.Tasks.Task") || Symbols.IsType(returned, "System.Threading.Tasks.ValueTask"))
        {
            return (Symbols.IsType(returned, "System.Threading.Tasks.Task") ? AwaitKind.Task : AwaitKind.ValueTask, false);
        }

        var own = method.ContainingType;
        if (SymbolEqualityComparer.Default.Equals(returned, own))
        {
            return (AwaitKind.None, true);
        }

        if (returned is INamedTypeSymbol { TypeArguments.Length: 1 } generic &&
            SymbolEqualityComparer.Default.Equals(generic.TypeArguments[0], own))
        {
            if (Symbols.IsType(generic.ConstructedFrom, "System.Threading.Tasks.Task<TResult>"))
            {
                return (AwaitKind.Task, true);
            }

            if (Symbols.IsType(generic.ConstructedFrom, "System.Threading.Tasks.ValueTask<TResult>"))
            {
                return (AwaitKind.ValueTask, true);
            }
        }

        return (null, false);
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
