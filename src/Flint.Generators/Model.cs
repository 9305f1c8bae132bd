using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flint.Generators;

// The pipeline's data: immutable records of strings, enums and equatable arrays only (no symbols, no
// syntax), so an edit that changes none of them leaves the generated source untouched.

/// <summary>How an event or a result crosses the wire.</summary>
internal enum PayloadKind
{
    /// <summary>Through the type's <c>JsonTypeInfo</c> in a user context.</summary>
    Json,

    /// <summary><c>System.IO.Stream</c> (or, for a result, a type deriving from it).</summary>
    Stream,

    /// <summary><c>byte[]</c>.</summary>
    Bytes,

    /// <summary><c>ReadOnlyMemory&lt;byte&gt;</c>.</summary>
    Memory,
}

/// <summary>What the method returns around its result.</summary>
internal enum AwaitKind
{
    None,
    Task,
    ValueTask,
}

/// <summary>A type as generated code spells it.</summary>
/// <param name="Name">Fully qualified, with nullable annotations: what variables and <c>JsonTypeInfo&lt;T&gt;</c> use.</param>
/// <param name="Key">Fully qualified, without nullable reference annotations: valid in <c>typeof</c>, and how contexts are matched.</param>
internal sealed record TypeRef(string Name, string Key, PayloadKind Kind);

/// <summary>A source location that holds no syntax tree, rebuilt into a <see cref="Location"/> when reported.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo From(SyntaxNode node) => From(node.GetLocation());

    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>A diagnostic to report, kept equatable until it is.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.ToLocation(), Arguments.Select(static a => (object)a).ToArray());
}

/// <summary>One valid <c>[LambdaHandler]</c> method.</summary>
/// <param name="Name">The <c>_HANDLER</c> value.</param>
/// <param name="DisplayName">The method as messages name it, e.g. <c>Functions.Echo</c>.</param>
/// <param name="ContainingType">Fully qualified containing type.</param>
/// <param name="ClassName">A C# identifier for the generated handler class, unique once the binder is done.</param>
/// <param name="CanCreate">Static, or generated code can write <c>new ContainingType()</c> (needed unless the type has a factory).</param>
/// <param name="Result">Null when the method answers nothing (void, Task, ValueTask).</param>
/// <param name="ReferencedContexts">Contexts in referenced assemblies that may list the event or result type.</param>
internal sealed record HandlerModel(
    string Name,
    bool IsDefault,
    string DisplayName,
    string ContainingType,
    string MethodName,
    string ClassName,
    bool IsStatic,
    bool CanCreate,
    LocationInfo MethodLocation,
    TypeRef Event,
    bool TakesContext,
    bool TakesCancellationToken,
    AwaitKind Await,
    TypeRef? Result,
    LocationInfo AttributeLocation,
    LocationInfo EventLocation,
    LocationInfo ResultLocation,
    EquatableArray<JsonContextModel> ReferencedContexts);

/// <summary>What the parser made of one <c>[LambdaHandler]</c> method: a model, or the reasons it has none.</summary>
internal sealed record HandlerParseResult(HandlerModel? Handler, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One valid <c>[LambdaInit]</c> method.</summary>
/// <param name="IsFactory">It returns its containing type (or a task of it): it creates that type's instance handlers.</param>
internal sealed record InitModel(
    string ContainingType, string MethodName, string DisplayName, bool TakesContext, AwaitKind Await, bool IsFactory, LocationInfo Location);

/// <summary>What the parser made of one <c>[LambdaInit]</c> method.</summary>
internal sealed record InitParseResult(InitModel? Init, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A user <c>JsonSerializerContext</c> and the type keys its <c>[JsonSerializable]</c> attributes list.</summary>
internal sealed record JsonContextModel(string FullName, EquatableArray<string> TypeKeys);

/// <summary>Whether the compilation is an executable, and whether its author wrote the entry point.</summary>
internal sealed record EntryPointModel(bool IsExecutable, bool HasUserEntryPoint);

/// <summary>
/// A handler together with the contexts that serialize its event and result (null for raw bytes or no result) and,
/// for an instance method, the <c>[LambdaInit]</c> factory that creates its target (null: <c>new T()</c>).
/// </summary>
internal sealed record BoundHandler(HandlerModel Handler, string? EventContext, string? ResultContext, InitModel? Factory);

/// <summary>Everything the emitter writes and every diagnostic to report.</summary>
internal sealed record GenerationModel(
    EquatableArray<BoundHandler> Handlers,
    string? DefaultName,
    EquatableArray<InitModel> Inits,
    bool EmitMain,
    EquatableArray<DiagnosticInfo> Diagnostics);
