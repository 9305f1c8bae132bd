namespace Flint.Functions.Digest;

/// <summary>The digest's input is wrong (errorType <c>DigestInputException</c>): retrying will not help.</summary>
internal sealed class DigestInputException : Exception
{
    public DigestInputException(string message)
        : base(message)
    {
    }

    public DigestInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DigestInputException()
    {
    }
}
