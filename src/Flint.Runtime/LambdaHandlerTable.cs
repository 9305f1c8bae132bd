namespace Flint.Runtime;

/// <summary>
/// The handlers compiled into one bootstrap, keyed by name; <c>_HANDLER</c> picks one at Init.
/// The source generator emits one of these (a <c>switch</c> over names); it can also be written by hand.
/// </summary>
public abstract class LambdaHandlerTable
{
    /// <summary>Every handler name, for the init error that lists them.</summary>
    public abstract IReadOnlyList<string> Names { get; }

    /// <summary>The handler used when <c>_HANDLER</c> is unset, empty or <c>bootstrap</c>; null when there is no default.</summary>
    public virtual string? DefaultName => Names.Count == 1 ? Names[0] : null;

    /// <summary>
    /// Runs the Init work of the handler <see cref="LambdaInitContext.HandlerName"/> (the <c>[LambdaInit]</c> methods
    /// that apply to it) and creates it, during Init, before the first <c>GET /next</c>. Called once, with one of
    /// <see cref="Names"/>; a throw is an init error.
    /// </summary>
    /// <returns>The handler, or null when the table has none by that name.</returns>
    public abstract ILambdaHandler? Create(LambdaInitContext context);
}
