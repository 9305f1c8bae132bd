using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flint.Generators;

/// <summary>Reads one <c>[LambdaHandler]</c> method into a <see cref="HandlerModel"/>, or into the diagnostics that explain why it cannot be one.</summary>
internal static class HandlerParser
{
    public static HandlerParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var attribute = context.Attributes[0];
        var display = Symbols.DisplayName(method);
        var methodLocation = LocationInfo.From(syntax.Identifier.GetLocation());
        var attributeLocation = attribute.ApplicationSyntaxReference is { } reference
            ? LocationInfo.From(reference.GetSyntax(cancellationToken))
            : methodLocation;
        var diagnostics = new List<DiagnosticInfo>();

        var name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidName, attributeLocation, display));
        }

        var isDefault = attribute.NamedArguments.Any(static a => a.Key == "IsDefault" && a.Value.Value is true);

        Symbols.CheckCallable(method, display, methodLocation, Diagnostics.Generic, diagnostics);
        CheckPartial(method, display, methodLocation, diagnostics);
        var signature = SignatureReader.Read(method, context.SemanticModel.Compilation);
        if (signature.Error is { } reason)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedSignature, methodLocation, display, reason));
        }

        if (diagnostics.Count > 0 || signature.Event is null || signature.HasErrorType)
        {
            return new HandlerParseResult(null, diagnostics.ToEquatableArray());
        }

        var handler = new HandlerModel(
            name!,
            isDefault,
            display,
            Symbols.FullName(method.ContainingType),
            method.Name,
            method.ContainingType.Name + method.Name + "Handler",
            method.IsStatic,
            method.IsStatic || Symbols.CanCreate(method.ContainingType),
            methodLocation,
            signature.Event,
            signature.TakesContext,
            signature.TakesCancellationToken,
            signature.Await,
            signature.Result,
            attributeLocation,
            LocationInfo.From(syntax.ParameterList.Parameters[0].Type ?? (SyntaxNode)syntax.ParameterList.Parameters[0]),
            LocationInfo.From(syntax.ReturnType),
            FindReferencedContexts(method, signature, context.SemanticModel.Compilation));
        return new HandlerParseResult(handler, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static EquatableArray<JsonContextModel> FindReferencedContexts(IMethodSymbol method, Signature signature, Compilation compilation)
    {
        var types = new List<ITypeSymbol>();
        if (signature.Event!.Kind == PayloadKind.Json)
        {
            types.Add(method.Parameters[0].Type);
        }

        if (signature.Result is { Kind: PayloadKind.Json })
        {
            types.Add(signature.Await == AwaitKind.None ? method.ReturnType : ((INamedTypeSymbol)method.ReturnType).TypeArguments[0]);
        }

        return types.SelectMany(t => ReferencedContexts.For(t, compilation))
            .Distinct()
            .OrderBy(static c => c.FullName, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private static void CheckPartial(IMethodSymbol method, string display, LocationInfo location, List<DiagnosticInfo> diagnostics)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            var isPartial = type.DeclaringSyntaxReferences.Any(static r =>
                r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotPartial, location, Symbols.DisplayName(type), display));
                return;
            }
        }
    }
}
