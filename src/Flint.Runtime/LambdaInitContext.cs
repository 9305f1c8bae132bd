namespace Flint.Runtime;

/// <summary>
/// What a <c>[LambdaInit]</c> method knows during Init: which handler this sandbox serves and its environment,
/// so a bootstrap with several handlers builds only what the chosen one needs.
/// </summary>
/// <example>
/// <code>
/// [LambdaInit]
/// public static async Task&lt;Reports&gt; CreateAsync(LambdaInitContext init) =&gt;
///     new(await ReportStore.OpenAsync(init.GetEnvironmentVariable("REPORT_BUCKET")));
/// </code>
/// </example>
public sealed class LambdaInitContext
{
    private readonly IEnvironmentVariables environment;

    internal LambdaInitContext(string handlerName, IEnvironmentVariables environment, ILambdaLogger logger)
    {
        HandlerName = handlerName;
        this.environment = environment;
        Logger = logger;
    }

    /// <summary>
    /// The handler this sandbox serves: <c>_HANDLER</c>, or the table's default when <c>_HANDLER</c> is unset, empty or
    /// <c>bootstrap</c>. Always one of <see cref="LambdaHandlerTable.Names"/>.
    /// </summary>
    public string HandlerName { get; }

    /// <summary>Writes Init's log lines (they carry no request id).</summary>
    public ILambdaLogger Logger { get; }

    /// <summary>The value of the environment variable <paramref name="name"/>, or null when it is not set.</summary>
    public string? GetEnvironmentVariable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return environment.Get(name);
    }
}
