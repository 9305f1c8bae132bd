namespace Flint.Runtime;

/// <summary>The event (or the result) could not be converted to or from JSON; reported as <c>Runtime.SerializationError</c>.</summary>
public sealed class LambdaSerializationException : Exception
{
    public LambdaSerializationException()
    {
    }

    public LambdaSerializationException(string message)
        : base(message)
    {
    }

    public LambdaSerializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
