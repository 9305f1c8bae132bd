using Microsoft.CodeAnalysis;

namespace Flint.Generators;

/// <summary>
/// Finds JsonSerializerContexts compiled into referenced assemblies (an event library's own context, say) that list a
/// handler's types. Only the assemblies that declare the type or its type arguments are searched, never the framework.
/// </summary>
internal static class ReferencedContexts
{
    public static IEnumerable<JsonContextModel> For(ITypeSymbol type, Compilation compilation)
    {
        var assemblies = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        CollectAssemblies(type, assemblies);
        assemblies.Remove(compilation.Assembly);
        foreach (var assembly in assemblies)
        {
            if (IsFramework(assembly))
            {
                continue;
            }

            foreach (var candidate in Types(assembly.GlobalNamespace))
            {
                if (Symbols.InheritsFrom(candidate, DeclarationParsers.JsonSerializerContext) &&
                    compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly))
                {
                    yield return DeclarationParsers.ReadContext(candidate);
                }
            }
        }
    }

    private static void CollectAssemblies(ITypeSymbol type, HashSet<IAssemblySymbol> assemblies)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                CollectAssemblies(array.ElementType, assemblies);
                break;
            case INamedTypeSymbol named:
                if (named.ContainingAssembly is { } assembly)
                {
                    assemblies.Add(assembly);
                }

                foreach (var argument in named.TypeArguments)
                {
                    CollectAssemblies(argument, assemblies);
                }

                break;
        }
    }

    private static bool IsFramework(IAssemblySymbol assembly)
    {
        var name = assembly.Name;
        return name is "mscorlib" or "netstandard" or "System" ||
            name.StartsWith("System.", StringComparison.Ordinal) ||
            name.StartsWith("Microsoft.", StringComparison.Ordinal);
    }

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            yield return type;
            foreach (var nested in type.GetTypeMembers())
            {
                yield return nested;
            }
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            foreach (var type in Types(child))
            {
                yield return type;
            }
        }
    }
}
