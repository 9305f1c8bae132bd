namespace Flint.Functions.Api;

/// <summary>
/// Why a request was refused: the status and the JSON error a client sees (<see cref="Error"/>, and for
/// 400 the <see cref="Field"/> and <see cref="Message"/>), plus <see cref="LogReason"/> for the function's
/// log only. None of them contains the secret, the signature or a submitted value.
/// </summary>
internal sealed record ApiRejection(int Status, string Error, string? Field, string? Message, string LogReason)
{
    internal static ApiRejection Unauthorized(string logReason) => new(401, "unauthorized", null, null, logReason);

    internal static ApiRejection Forbidden(string logReason) => new(403, "forbidden", null, null, logReason);

    internal static ApiRejection BadRequest(string field, string message) =>
        new(400, "invalid_request", field, message, $"invalid field {field}: {message}");

    internal static readonly ApiRejection TooLarge = new(413, "payload_too_large",
        null, $"The body must be at most {ApiOptions.MaxBodyBytes} bytes.", "body too large");

    internal static readonly ApiRejection UnsupportedMediaType = new(415, "unsupported_media_type",
        null, "Content-Type must be application/json.", "content type is not application/json");
}

/// <summary>The JSON body of a rejection.</summary>
internal sealed record ApiErrorBody(string Error, string? Field, string? Message);
