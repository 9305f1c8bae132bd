namespace Flint.Runtime;

/// <summary>
/// What <c>/error</c> and <c>/init/error</c> receive: <c>{errorType, errorMessage, stackTrace}</c>,
/// plus the <c>Lambda-Runtime-Function-Error-Type</c> header (<see cref="ErrorType"/>).
/// </summary>
internal sealed record LambdaError(string ErrorType, string ErrorMessage, IReadOnlyList<string> StackTrace)
{
    /// <summary>Builds the error a handler exception reports: its type name, message and stack frames.</summary>
    public static LambdaError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var type = exception is LambdaSerializationException ? "Runtime.SerializationError" : exception.GetType().Name;
        var frames = (exception.StackTrace ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LambdaError(type, exception.Message, frames);
    }
}
