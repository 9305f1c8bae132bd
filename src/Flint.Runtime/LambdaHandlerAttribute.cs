namespace Flint.Runtime;

/// <summary>
/// Marks a method as a Lambda handler reachable by <c>_HANDLER</c> = <see cref="Name"/>. Flint's source
/// generator turns every such method into an entry of the assembly's dispatch table (and a <c>Main</c>,
/// unless you wrote one), and reports at compile time any event or result type missing from your
/// <c>JsonSerializerContext</c>.
/// </summary>
/// <remarks>
/// Supported forms: <c>(TEvent)</c>, <c>(TEvent, ILambdaContext)</c>, each optionally followed by a
/// <c>CancellationToken</c>; returning <c>void</c>, <c>T</c>, <c>Task</c>, <c>Task&lt;T&gt;</c>,
/// <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>. <c>Stream</c>, <c>byte[]</c> and
/// <c>ReadOnlyMemory&lt;byte&gt;</c> events and results are passed as raw bytes, without JSON.
/// The method is static or an instance method (one instance is created at Init), public or internal,
/// non-generic, in a <c>partial</c> class.
/// </remarks>
/// <example>
/// <code>
/// public static partial class Functions
/// {
///     [LambdaHandler("echo")]
///     public static Order Echo(Order order, ILambdaContext context) => order;
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LambdaHandlerAttribute : Attribute
{
    /// <summary>Marks a handler called <paramref name="name"/>.</summary>
    public LambdaHandlerAttribute(string name) => Name = name;

    /// <summary>The value of <c>_HANDLER</c> that selects this handler.</summary>
    public string Name { get; }

    /// <summary>
    /// Makes this the handler used when <c>_HANDLER</c> is unset, empty or <c>bootstrap</c>.
    /// A lone handler is the default without it.
    /// </summary>
    public bool IsDefault { get; set; }
}
