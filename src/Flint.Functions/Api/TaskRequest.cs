namespace Flint.Functions.Api;

/// <summary>
/// A validated <c>POST /tasks</c> body, and what <c>api</c> forwards to <c>worker</c>:
/// <c>{"task":"digest","date":"2026-11-27","user":"alice","email":"alice@example.com"}</c> or
/// <c>{"task":"read","key":"messages/hello.json","user":"alice","email":"alice@example.com"}</c>.
/// </summary>
internal sealed class TaskRequest
{
    /// <summary><c>digest</c> or <c>read</c>.</summary>
    public string Task { get; set; } = "";

    /// <summary>The day for <c>digest</c> (yyyy-MM-dd); absent means yesterday (UTC).</summary>
    public string? Date { get; set; }

    /// <summary>The S3 key for <c>read</c> (required there).</summary>
    public string? Key { get; set; }

    /// <summary>Who asks.</summary>
    public string User { get; set; } = "";

    /// <summary>Their e-mail address.</summary>
    public string Email { get; set; } = "";

    internal const string DigestTask = "digest";
    internal const string ReadTask = "read";
}
