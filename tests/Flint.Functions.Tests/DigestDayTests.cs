using Flint.Functions.Digest;

namespace Flint.Functions.Tests;

public sealed class DigestDayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Scheduled_time_digests_the_previous_utc_day()
    {
        var input = new DigestInput { Time = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero) };
        Assert.Equal(new DateOnly(2026, 2, 28), DigestDay.Resolve(input, Now));
    }

    [Fact]
    public void Scheduled_time_with_an_offset_is_taken_in_utc()
    {
        // 01:30 on 1 January in +03:00 is still 31 December in UTC, so the digest covers 30 December.
        var input = new DigestInput { Time = new DateTimeOffset(2026, 1, 1, 1, 30, 0, TimeSpan.FromHours(3)) };
        Assert.Equal(new DateOnly(2025, 12, 30), DigestDay.Resolve(input, Now));
    }

    [Fact]
    public void Named_date_wins_over_the_schedule_time()
    {
        var input = new DigestInput { Date = "2024-02-29", Time = Now };
        Assert.Equal(new DateOnly(2024, 2, 29), DigestDay.Resolve(input, Now));
        Assert.Equal(new DateOnly(2024, 2, 29), DigestDay.Resolve(new DigestInput { Detail = new() { Date = "2024-02-29" } }, Now));
    }

    [Fact]
    public void No_date_and_no_time_digests_yesterday()
    {
        Assert.Equal(new DateOnly(2026, 11, 27), DigestDay.Resolve(new DigestInput(), Now));
        Assert.Equal(new DateOnly(2026, 11, 27), DigestDay.Resolve(null, Now));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2025-02-29")]
    [InlineData("27/11/2026")]
    [InlineData("2026-11-27T00:00:00Z")]
    [InlineData("")]
    public void Bad_dates_are_input_errors(string date)
    {
        var error = Assert.Throws<DigestInputException>(() => DigestDay.Resolve(new DigestInput { Date = date }, Now));
        Assert.Contains("yyyy-MM-dd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prefix_template_fills_year_month_and_day()
    {
        var template = PrefixTemplate.Parse("logs/{yyyy}/{MM}/{dd}/");
        Assert.Equal("logs/2026/03/07/", template.For(new DateOnly(2026, 3, 7)));
        Assert.Equal("daily/2026-03-07/", PrefixTemplate.Parse("daily/{date}/").For(new DateOnly(2026, 3, 7)));
        Assert.Equal("static/", PrefixTemplate.Parse("static/").For(new DateOnly(2026, 3, 7)));
    }

    [Theory]
    [InlineData("logs/{yyyy}/{M}/")]
    [InlineData("logs/{yyyy/")]
    [InlineData("logs/yyyy}/")]
    public void Prefix_template_with_an_unknown_placeholder_is_refused(string template)
    {
        Assert.Throws<FormatException>(() => PrefixTemplate.Parse(template));
    }
}
