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

    /// <summary>Creates the handler called <paramref name="name"/>, or returns null when there is none.</summary>
    public abstract ILambdaHandler? Create(string name);

    /// <summary>Runs the <c>[LambdaInit]</c> work during Init, before the first <c>GET /next</c>. A throw is an init error.</summary>
    public virtual void Initialize()
    {
    }
}
