namespace Flint.Runtime;

/// <summary>The event (or the result) could not be converted to or from JSON; reported as <c>Runtime.SerializationError</c>.</summary>
public sealed class LambdaSerializationException : Exception
{
    /// <summary>Makes the exception with a default message.</summary>
    public LambdaSerializationException()
    {
    }

    /// <summary>Makes the exception with the message the error report carries.</summary>
    public LambdaSerializationException(string message)
        : base(message)
    {
    }

    /// <summary>Makes the exception with its message and the JSON failure that caused it.</summary>
    public LambdaSerializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
