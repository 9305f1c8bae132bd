using Flint.Events;
using Xunit;

namespace Flint.Events.Tests;

public sealed class ScheduledEventTests
{
    [Fact]
    public void Scheduled_event_fixture_round_trips_with_its_values()
    {
        var (first, second, _) = Fixture.RoundTrip("eventbridge-schedule.json", FlintEventsJsonContext.Default.ScheduledEvent);

        foreach (var e in new[] { first, second })
        {
            Assert.Equal("0", e.Version);
            Assert.Equal("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", e.Id);
            Assert.Equal("Scheduled Event", e.DetailType);
            Assert.Equal("aws.events", e.Source);
            Assert.Equal("123456789012", e.Account);
            Assert.Equal(new DateTimeOffset(2015, 10, 8, 16, 53, 6, TimeSpan.Zero), e.Time);
            Assert.Equal("us-east-1", e.Region);
            Assert.Equal(["arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"], e.Resources);
            Assert.Equal(System.Text.Json.JsonValueKind.Object, e.Detail!.Value.ValueKind);
        }
    }

    [Fact]
    public void Scheduled_event_as_schedule_input_processes_the_day_before_its_time()
    {
        var input = System.Text.Json.JsonSerializer.Deserialize(Fixture.Bytes("eventbridge-schedule.json"), FlintEventsJsonContext.Default.ScheduleInput)!;

        Assert.Null(input.Date);
        Assert.Equal("Scheduled Event", input.DetailType);
        Assert.Equal(new DateOnly(2015, 10, 7), input.ResolveDate(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Scheduler_custom_input_names_the_day_to_process()
    {
        var input = System.Text.Json.JsonSerializer.Deserialize("""{"date":"2026-11-27"}""", FlintEventsJsonContext.Default.ScheduleInput)!;

        Assert.Equal(new DateOnly(2026, 11, 27), input.Date);
        Assert.Equal(new DateOnly(2026, 11, 27), input.ResolveDate(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero)));
        Assert.Equal("""{"date":"2026-11-27"}""", System.Text.Json.JsonSerializer.Serialize(input, FlintEventsJsonContext.Default.ScheduleInput));
    }

    [Fact]
    public void Date_in_scheduled_event_detail_is_honoured()
    {
        var input = System.Text.Json.JsonSerializer.Deserialize(
            """{"detail-type":"Scheduled Event","time":"2026-11-28T08:00:00Z","detail":{"date":"2026-11-01"}}""",
            FlintEventsJsonContext.Default.ScheduleInput)!;

        Assert.Equal(new DateOnly(2026, 11, 1), input.ResolveDate(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Empty_schedule_input_processes_yesterday_in_utc()
    {
        var input = System.Text.Json.JsonSerializer.Deserialize("{}", FlintEventsJsonContext.Default.ScheduleInput)!;

        // 00:30 at +02:00 is still the 27th in UTC, so "yesterday" is the 26th.
        Assert.Equal(new DateOnly(2026, 11, 26), input.ResolveDate(new DateTimeOffset(2026, 11, 28, 0, 30, 0, TimeSpan.FromHours(2))));
    }
}
