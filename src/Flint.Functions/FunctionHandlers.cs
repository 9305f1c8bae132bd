using Flint.Runtime;

namespace Flint.Functions;

/// <summary>The handlers of the bootstrap, by <c>_HANDLER</c> name (hand-written until the generator lands).</summary>
internal sealed class FunctionHandlers : LambdaHandlerTable
{
    private static readonly string[] HandlerNames = [];

    public override IReadOnlyList<string> Names => HandlerNames;

    public override ILambdaHandler? Create(string name) => null;
}
