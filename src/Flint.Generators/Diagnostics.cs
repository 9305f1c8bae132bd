using Microsoft.CodeAnalysis;

namespace Flint.Generators;

/// <summary>Flint's compile-time errors: each names the method and says what to change.</summary>
internal static class Diagnostics
{
    private const string Category = "Flint";

    /// <summary>The forms a handler may take, quoted by <see cref="UnsupportedSignature"/>.</summary>
    public const string SupportedForms =
        "(TEvent), (TEvent, ILambdaContext), (TEvent, CancellationToken) or (TEvent, ILambdaContext, CancellationToken), " +
        "returning void, T, Task, Task<T>, ValueTask or ValueTask<T>; TEvent and T may be Stream, byte[] or ReadOnlyMemory<byte> for raw bytes";

    public static readonly DiagnosticDescriptor TypeNotSerializable = Error(
        "FLINT001",
        "Type is not in any JsonSerializerContext",
        "'{0}' is the {1} type of handler '{2}' but no JsonSerializerContext of this compilation (or of the assembly declaring the type) lists it: " +
        "add [JsonSerializable(typeof({0}))] to a partial class deriving from JsonSerializerContext");

    public static readonly DiagnosticDescriptor DuplicateName = Error(
        "FLINT002",
        "Duplicate handler name",
        "Handler name '{0}' is already used by '{1}': each [LambdaHandler] name must be unique in the assembly");

    public static readonly DiagnosticDescriptor UnsupportedSignature = Error(
        "FLINT003",
        "Unsupported handler signature",
        "'{0}' cannot be a handler: {1}. Supported forms: " + SupportedForms + ".");

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "FLINT004",
        "Handler's containing type is not partial",
        "'{0}' contains the [LambdaHandler] method '{1}' and must be declared partial (so must every type that contains it)");

    public static readonly DiagnosticDescriptor Generic = Error(
        "FLINT005",
        "Generic handler",
        "'{0}' cannot be a handler because {1} is generic: the generated dispatch must know the event and result types at compile time");

    public static readonly DiagnosticDescriptor Inaccessible = Error(
        "FLINT006",
        "Inaccessible handler",
        "'{0}' cannot be called by the generated dispatch because {1} is {2}: make it public or internal");

    public static readonly DiagnosticDescriptor MultipleDefaults = Error(
        "FLINT007",
        "More than one default handler",
        "Handler '{0}' is marked IsDefault = true, but so is '{1}': at most one handler can be the default");

    public static readonly DiagnosticDescriptor NoParameterlessConstructor = Error(
        "FLINT008",
        "Instance handler needs a parameterless constructor",
        "'{0}' is an instance method, so '{1}' needs a public or internal parameterless constructor and must not be abstract or static " +
        "(the generated table creates one instance at Init), or give '{1}' a [LambdaInit] factory (a static method returning '{1}'); or make the method static");

    public static readonly DiagnosticDescriptor InvalidInit = Error(
        "FLINT009",
        "Unsupported [LambdaInit] method",
        "'{0}' cannot be a [LambdaInit] method: {1}. A [LambdaInit] method is static, non-generic, public or internal, " +
        "takes no parameters or one LambdaInitContext, and returns void, Task or ValueTask, or (as the factory of its type's " +
        "instance handlers) its own type, Task of it or ValueTask of it.");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        "FLINT010",
        "Empty handler name",
        "The handler name of '{0}' is empty: give [LambdaHandler] the name that _HANDLER will select it by");

    public static readonly DiagnosticDescriptor DuplicateFactory = Error(
        "FLINT011",
        "More than one [LambdaInit] factory for a type",
        "'{0}' and '{1}' are both [LambdaInit] factories of '{2}': a type's instance handlers are created by one factory");

    public static readonly DiagnosticDescriptor UnusedFactory = new(
        "FLINT012",
        "[LambdaInit] factory that never runs",
        "'{0}' returns '{1}', so it is the factory of that type's instance handlers, but '{1}' has none: it would never run. " +
        "Make the handlers instance methods, or return void or Task to run it for every handler.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
