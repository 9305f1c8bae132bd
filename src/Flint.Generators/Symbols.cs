using Microsoft.CodeAnalysis;

namespace Flint.Generators;

/// <summary>Symbol questions the parsers share: names as generated code and messages spell them, and what generated code may call.</summary>
internal static class Symbols
{
    /// <summary>Fully qualified with <c>global::</c> and nullable annotations.</summary>
    public static readonly SymbolDisplayFormat AnnotatedFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat PlainFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    public static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public static string AnnotatedName(ITypeSymbol type) => type.ToDisplayString(AnnotatedFormat);

    /// <summary><c>Type.Method</c> or <c>Outer.Inner</c>, as a user reads it in a message.</summary>
    public static string DisplayName(ISymbol symbol)
    {
        var name = symbol is IMethodSymbol ? symbol.Name : symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        return symbol.ContainingType is { } outer ? DisplayName(outer) + "." + name : name;
    }

    public static bool IsCallable(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    /// <summary>Adds the generic and accessibility errors of a method the generated code must call.</summary>
    public static void CheckCallable(
        IMethodSymbol method, string display, LocationInfo location, DiagnosticDescriptor generic, List<DiagnosticInfo> diagnostics)
    {
        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(generic, location, display, "the method"));
        }
        else if (Containers(method).FirstOrDefault(static t => t.IsGenericType) is { } genericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(generic, location, display, "'" + DisplayName(genericType) + "'"));
        }

        if (!IsCallable(method.DeclaredAccessibility))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.Inaccessible, location, display, "the method", Describe(method.DeclaredAccessibility)));
        }
        else if (Containers(method).FirstOrDefault(static t => !IsCallable(t.DeclaredAccessibility)) is { } hidden)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                Diagnostics.Inaccessible, location, display, "'" + DisplayName(hidden) + "'", Describe(hidden.DeclaredAccessibility)));
        }
    }

    /// <summary>True when generated code can write <c>new T()</c>.</summary>
    public static bool CanCreate(INamedTypeSymbol type) =>
        !type.IsAbstract && !type.IsStatic && (type.IsValueType ||
            type.InstanceConstructors.Any(static c => c.Parameters.Length == 0 && IsCallable(c.DeclaredAccessibility)));

    /// <summary>True when <paramref name="type"/> is <paramref name="name"/> (e.g. <c>System.ReadOnlyMemory&lt;T&gt;</c>), whatever its nullability.</summary>
    public static bool IsType(ITypeSymbol? type, string name) =>
        type is not null && type.ToDisplayString(PlainFormat) == name;

    public static bool InheritsFrom(INamedTypeSymbol type, string metadataName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (IsType(current, metadataName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every type around <paramref name="type"/>, and the type itself, is public or internal.</summary>
    public static bool IsReachable(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!IsCallable(current.DeclaredAccessibility))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<INamedTypeSymbol> Containers(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            yield return type;
        }
    }

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };
}
