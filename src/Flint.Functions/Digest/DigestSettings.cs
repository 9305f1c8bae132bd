namespace Flint.Functions.Digest;

/// <summary>
/// The digest's configuration, from environment variables:
/// <c>SOURCE_BUCKET</c> (required), <c>SOURCE_PREFIX</c> (date template, default <c>logs/{yyyy}/{MM}/{dd}/</c>),
/// <c>REPORT_BUCKET</c> (default: the source bucket), <c>REPORT_PREFIX</c> (default <c>reports/</c>),
/// <c>PARTS_PREFIX</c> (partial aggregates of the split run, default <c>REPORT_PREFIX + "parts/"</c>),
/// <c>DIGEST_PARALLELISM</c> (objects read at once, default 8).
/// </summary>
internal sealed record DigestSettings
{
    public required string SourceBucket { get; init; }

    public required PrefixTemplate SourcePrefix { get; init; }

    public required string ReportBucket { get; init; }

    public required string ReportPrefix { get; init; }

    public required string PartsPrefix { get; init; }

    public int Parallelism { get; init; } = 8;

    /// <summary>Reads the settings; throws <see cref="InvalidOperationException"/> naming a missing or bad variable.</summary>
    public static DigestSettings FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var source = environment("SOURCE_BUCKET");
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new InvalidOperationException("SOURCE_BUCKET is not set.");
        }

        PrefixTemplate prefix;
        try
        {
            prefix = PrefixTemplate.Parse(environment("SOURCE_PREFIX") ?? "logs/{yyyy}/{MM}/{dd}/");
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("SOURCE_PREFIX: " + e.Message, e);
        }

        var parallelism = 8;
        var parallelText = environment("DIGEST_PARALLELISM");
        if (!string.IsNullOrEmpty(parallelText)
            && (!int.TryParse(parallelText, System.Globalization.CultureInfo.InvariantCulture, out parallelism) || parallelism is < 1 or > 64))
        {
            throw new InvalidOperationException("DIGEST_PARALLELISM must be a whole number from 1 to 64.");
        }

        var reportPrefix = environment("REPORT_PREFIX") ?? "reports/";
        return new DigestSettings
        {
            SourceBucket = source,
            SourcePrefix = prefix,
            ReportBucket = NonEmpty(environment("REPORT_BUCKET")) ?? source,
            ReportPrefix = reportPrefix,
            PartsPrefix = NonEmpty(environment("PARTS_PREFIX")) ?? reportPrefix + "parts/",
            Parallelism = parallelism,
        };
    }

    /// <summary>Where the report of <paramref name="date"/> goes.</summary>
    public string ReportKey(string date) => ReportPrefix + date + ".json";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
