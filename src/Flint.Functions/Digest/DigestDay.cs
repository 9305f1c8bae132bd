using System.Globalization;
using Flint.Events;

namespace Flint.Functions.Digest;

/// <summary>Which UTC day a digest covers.</summary>
internal static class DigestDay
{
    /// <summary>The date format used in inputs, report names and partial keys.</summary>
    public const string Format = "yyyy-MM-dd";

    /// <summary>
    /// The day <see cref="ScheduleInput.ResolveDate(string?, DateTimeOffset?, DateTimeOffset)"/> names for <c>date</c>
    /// (or <c>detail.date</c>) and <c>time</c>. Throws <see cref="DigestInputException"/> for a date that is not yyyy-MM-dd.
    /// </summary>
    public static DateOnly Resolve(DigestInput? input, DateTimeOffset now)
    {
        try
        {
            return ScheduleInput.ResolveDate(input?.Date ?? input?.Detail?.Date, input?.Time, now);
        }
        catch (FormatException)
        {
            throw InvalidDate();
        }
    }

    /// <summary>Parses yyyy-MM-dd exactly, or throws <see cref="DigestInputException"/>.</summary>
    public static DateOnly Parse(string date)
    {
        if (DateOnly.TryParseExact(date, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        throw InvalidDate();
    }

    private static DigestInputException InvalidDate() => new("The date must be yyyy-MM-dd, e.g. 2026-11-27.");

    /// <summary>The day as yyyy-MM-dd.</summary>
    public static string ToText(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);
}
