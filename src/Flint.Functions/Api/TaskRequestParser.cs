using System.Text.Json;

namespace Flint.Functions.Api;

/// <summary>
/// Reads a <see cref="TaskRequest"/> field by field so a 400 can say which field is wrong, without
/// echoing any submitted value. Unknown or repeated fields are refused.
/// </summary>
internal static class TaskRequestParser
{
    private const int MaxUserLength = 64;
    private const int MaxKeyLength = 1024;

    public static (TaskRequest? Request, ApiRejection? Rejection) Parse(ReadOnlySpan<byte> body)
    {
        var request = new TaskRequest();
        string? task = null, user = null, email = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail("body", "must be a JSON object");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (name is not ("task" or "date" or "key" or "user" or "email"))
                {
                    return Fail("body", "has a field other than task, date, key, user and email");
                }

                if (!seen.Add(name))
                {
                    return Fail(name, "appears more than once");
                }

                reader.Read();
                if (reader.TokenType == JsonTokenType.Null && name is "date" or "key")
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    return Fail(name, "must be a string");
                }

                var value = reader.GetString()!;
                switch (name)
                {
                    case "task": task = value; break;
                    case "date": request.Date = value; break;
                    case "key": request.Key = value; break;
                    case "user": user = value; break;
                    default: email = value; break;
                }
            }

            if (reader.Read())
            {
                return Fail("body", "must hold one JSON object only");
            }
        }
        catch (JsonException)
        {
            return Fail("body", "is not valid JSON");
        }
        catch (InvalidOperationException)
        {
            // GetString on invalid UTF-8, or on an escaped lone surrogate such as "\ud800": not text.
            return Fail("body", "holds a string that is not valid UTF-8 / UTF-16 text");
        }

        return Check(request, task, user, email);
    }

    private static (TaskRequest?, ApiRejection?) Check(TaskRequest request, string? task, string? user, string? email)
    {
        if (task is null)
        {
            return Fail("task", "is required");
        }

        if (task is not (TaskRequest.DigestTask or TaskRequest.ReadTask))
        {
            return Fail("task", "must be \"digest\" or \"read\"");
        }

        if (user is null)
        {
            return Fail("user", "is required");
        }

        if (user.Length is 0 or > MaxUserLength || user.AsSpan().ContainsAnyExcept(UserChars))
        {
            return Fail("user", $"must be 1 to {MaxUserLength} letters, digits, '.', '_' or '-'");
        }

        if (email is null)
        {
            return Fail("email", "is required");
        }

        if (!EmailAddress.IsValid(email))
        {
            return Fail("email", "must be a valid e-mail address");
        }

        if (task == TaskRequest.DigestTask)
        {
            if (request.Key is not null)
            {
                return Fail("key", "is only allowed with task \"read\"");
            }

            if (request.Date is not null && !DateOnly.TryParseExact(request.Date, Digest.DigestDay.Format,
                    System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                return Fail("date", "must be a date as yyyy-MM-dd");
            }
        }
        else
        {
            if (request.Date is not null)
            {
                return Fail("date", "is only allowed with task \"digest\"");
            }

            if (string.IsNullOrEmpty(request.Key) || request.Key.Length > MaxKeyLength
                || request.Key.AsSpan().ContainsAnyInRange('\0', '\u001f'))
            {
                return Fail("key", $"is required with task \"read\": 1 to {MaxKeyLength} characters, no control characters");
            }
        }

        request.Task = task;
        request.User = user;
        request.Email = email;
        return (request, null);
    }

    private static (TaskRequest?, ApiRejection?) Fail(string field, string message) => (null, ApiRejection.BadRequest(field, message));

    private static readonly System.Buffers.SearchValues<char> UserChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");
}
