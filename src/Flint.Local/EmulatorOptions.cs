namespace Flint.Local;

/// <summary>How a <see cref="LambdaEmulator"/> listens and what every function it runs shares.</summary>
public sealed record EmulatorOptions
{
    /// <summary>Port of the Invoke API on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary><c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c> and the region of function ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The account id in function ARNs.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Variables given to every function (a function's own <see cref="FunctionDefinition.Environment"/> wins).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Answers every <c>/response</c> and <c>/error</c> with <c>Connection: close</c>, so the runtime must reconnect
    /// for its next <c>GET /next</c> (exercises a runtime's reconnect path).
    /// </summary>
    public bool CloseConnectionAfterResponse { get; init; }

    /// <summary>Writes function output, START/END/REPORT lines to this writer as well (e.g. <see cref="Console.Out"/>); null: only the <see cref="LambdaEmulator.Log"/> event.</summary>
    public TextWriter? LogWriter { get; init; }
}
