using Microsoft.CodeAnalysis;

namespace Flint.Generators;

/// <summary>The shape of a handler method: its event, its result, what else it takes, or why it has no supported shape.</summary>
internal sealed record Signature(
    TypeRef? Event,
    bool TakesContext,
    bool TakesCancellationToken,
    AwaitKind Await,
    TypeRef? Result,
    string? Error,
    bool HasErrorType);

/// <summary>Matches a method against the supported handler forms (see <see cref="Diagnostics.SupportedForms"/>).</summary>
internal static class SignatureReader
{
    private const string ContextType = "Flint.Runtime.ILambdaContext";
    private const string CancellationTokenType = "System.Threading.CancellationToken";

    public static Signature Read(IMethodSymbol method, Compilation compilation)
    {
        var parameters = method.Parameters;
        var hasErrorType = method.ReturnType.TypeKind == TypeKind.Error || parameters.Any(static p => p.Type.TypeKind == TypeKind.Error);
        if (parameters.Length is 0 or > 3)
        {
            return Fail($"it takes {parameters.Length} parameters", hasErrorType);
        }

        if (parameters.FirstOrDefault(static p => p.RefKind != RefKind.None) is { } byRef)
        {
            return Fail($"parameter '{byRef.Name}' is passed by reference", hasErrorType);
        }

        var eventType = parameters[0].Type;
        if (Symbols.IsType(eventType, ContextType) || Symbols.IsType(eventType, CancellationTokenType))
        {
            return Fail("its first parameter must be the event", hasErrorType);
        }

        var takesContext = false;
        var takesToken = false;
        for (var i = 1; i < parameters.Length; i++)
        {
            var type = parameters[i].Type;
            if (!takesContext && !takesToken && Symbols.IsType(type, ContextType))
            {
                takesContext = true;
            }
            else if (!takesToken && Symbols.IsType(type, CancellationTokenType))
            {
                takesToken = true;
            }
            else
            {
                return Fail($"parameter '{parameters[i].Name}' is neither the ILambdaContext nor a trailing CancellationToken", hasErrorType);
            }
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return Fail("it returns by reference", hasErrorType);
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            return Fail("an async void method cannot be awaited; return Task instead", hasErrorType);
        }

        var (awaitKind, resultType) = Unwrap(method, compilation);
        var eventRef = Describe(eventType, compilation, isResult: false);
        if (eventRef is null)
        {
            return Fail($"its event type '{eventType.ToDisplayString()}' cannot be deserialized", hasErrorType);
        }

        TypeRef? resultRef = null;
        if (resultType is not null)
        {
            resultRef = Describe(resultType, compilation, isResult: true);
            if (resultRef is null)
            {
                return Fail($"its result type '{resultType.ToDisplayString()}' cannot be serialized", hasErrorType);
            }
        }

        return new Signature(eventRef, takesContext, takesToken, awaitKind, resultRef, null, hasErrorType);
    }

    private static Signature Fail(string reason, bool hasErrorType) => new(null, false, false, AwaitKind.None, null, reason, hasErrorType);

    private static (AwaitKind Await, ITypeSymbol? Result) Unwrap(IMethodSymbol method, Compilation compilation)
    {
        if (method.ReturnsVoid)
        {
            return (AwaitKind.None, null);
        }

        var returnType = method.ReturnType;
        var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        var taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        var valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        var valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        var definition = returnType.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(returnType, task))
        {
            return (AwaitKind.Task, null);
        }

        if (SymbolEqualityComparer.Default.Equals(returnType, valueTask))
        {
            return (AwaitKind.ValueTask, null);
        }

        if (returnType is INamedTypeSymbol { TypeArguments.Length: 1 } named)
        {
            if (SymbolEqualityComparer.Default.Equals(definition, taskOfT))
            {
                return (AwaitKind.Task, named.TypeArguments[0]);
            }

            if (SymbolEqualityComparer.Default.Equals(definition, valueTaskOfT))
            {
                return (AwaitKind.ValueTask, named.TypeArguments[0]);
            }
        }

        return (AwaitKind.None, returnType);
    }

    /// <summary>Null when the type cannot travel at all (pointers, spans and other ref structs).</summary>
    private static TypeRef? Describe(ITypeSymbol type, Compilation compilation, bool isResult)
    {
        if (type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer || type.SpecialType == SpecialType.System_Void)
        {
            return null;
        }

        var kind = RawKind(type, compilation, isResult);
        return new TypeRef(Symbols.AnnotatedName(type), Symbols.FullName(type), kind);
    }

    private static PayloadKind RawKind(ITypeSymbol type, Compilation compilation, bool isResult)
    {
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return PayloadKind.Bytes;
        }

        var stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        if (SymbolEqualityComparer.Default.Equals(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), stream) ||
            (isResult && type is INamedTypeSymbol named && Symbols.InheritsFrom(named, "System.IO.Stream")))
        {
            return PayloadKind.Stream;
        }

        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } memory &&
            Symbols.IsType(memory.OriginalDefinition, "System.ReadOnlyMemory<T>") &&
            memory.TypeArguments[0].SpecialType == SpecialType.System_Byte)
        {
            return PayloadKind.Memory;
        }

        return PayloadKind.Json;
    }
}
