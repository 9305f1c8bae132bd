using System.Text;
using Flint.Functions.Api;
using Flint.Functions.Digest;
using Flint.Functions.Storage;
using Flint.Functions.Worker;

namespace Flint.Functions.Tests;

public sealed class WorkerFunctionTests
{
    private static WorkerFunction Worker(InMemoryLogStore store, bool withDigest = true, string? readPrefix = null)
    {
        var settings = DigestSettings.FromEnvironment(n => n switch { "SOURCE_BUCKET" => "logs", "REPORT_BUCKET" => "reports", _ => null });
        return new WorkerFunction(store, withDigest ? new DigestRunner(store, settings, _ => { }) : null, "reports", readPrefix, TimeProvider.System);
    }

    [Fact]
    public async Task Read_returns_the_objects_message()
    {
        var store = new InMemoryLogStore();
        store.Blobs[("reports", "messages/hello.json")] = Encoding.UTF8.GetBytes("""{"message":"hello from S3","other":1}""");
        var result = await Worker(store).HandleAsync(new TaskRequest { Task = "read", Key = "messages/hello.json" }, CancellationToken.None);
        Assert.Equal(new WorkerResult("read", null, "messages/hello.json", "hello from S3"), result);
    }

    [Theory]
    [InlineData("""{"msg":"x"}""")]
    [InlineData("""{"message":42}""")]
    [InlineData("""["message"]""")]
    [InlineData("not json")]
    public async Task Read_of_an_object_without_a_string_message_is_an_invalid_task(string content)
    {
        var store = new InMemoryLogStore();
        store.Blobs[("reports", "k")] = Encoding.UTF8.GetBytes(content);
        await Assert.ThrowsAsync<InvalidTaskException>(() => Worker(store).HandleAsync(new TaskRequest { Task = "read", Key = "k" }, CancellationToken.None));
    }

    [Fact]
    public async Task Read_of_a_missing_object_names_it()
    {
        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() =>
            Worker(new InMemoryLogStore()).HandleAsync(new TaskRequest { Task = "read", Key = "nope.json" }, CancellationToken.None));
        Assert.Contains("nope.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_task_runs_the_digest_for_the_date()
    {
        var result = await Worker(new InMemoryLogStore()).HandleAsync(new TaskRequest { Task = "digest", Date = "2026-01-02" }, CancellationToken.None);
        Assert.Equal("digest", result.Task);
        Assert.Equal("reports/2026-01-02.json", result.Digest!.ReportKey);
    }

    [Fact]
    public async Task Read_outside_the_read_prefix_is_refused()
    {
        var store = new InMemoryLogStore();
        store.Blobs[("reports", "secrets/x.json")] = Encoding.UTF8.GetBytes("""{"message":"no"}""");
        var error = await Assert.ThrowsAsync<InvalidTaskException>(() =>
            Worker(store, readPrefix: "messages/").HandleAsync(new TaskRequest { Task = "read", Key = "secrets/x.json" }, CancellationToken.None));
        Assert.Contains("READ_PREFIX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_task_is_an_invalid_task()
    {
        await Assert.ThrowsAsync<InvalidTaskException>(() => Worker(new InMemoryLogStore()).HandleAsync(new TaskRequest { Task = "drop" }, CancellationToken.None));
    }

    [Theory]
    [InlineData("messages")]
    [InlineData("messages/")]
    public async Task The_read_prefix_is_a_folder_boundary_not_a_string_prefix(string prefix)
    {
        var store = new InMemoryLogStore();
        store.Blobs[("reports", "messages-private/x.json")] = Encoding.UTF8.GetBytes("""{"message":"private"}""");
        store.Blobs[("reports", "messages/x.json")] = Encoding.UTF8.GetBytes("""{"message":"public"}""");
        var worker = Worker(store, readPrefix: prefix);

        var error = await Assert.ThrowsAsync<InvalidTaskException>(() => worker.HandleAsync(new TaskRequest { Task = "read", Key = "messages-private/x.json" }, CancellationToken.None));
        var allowed = await worker.HandleAsync(new TaskRequest { Task = "read", Key = "messages/x.json" }, CancellationToken.None);

        Assert.Contains("READ_PREFIX", error.Message, StringComparison.Ordinal);
        Assert.Equal("public", allowed.Message);
    }

    [Fact]
    public async Task A_null_event_is_an_invalid_task_that_says_what_to_send()
    {
        var error = await Assert.ThrowsAsync<InvalidTaskException>(() => Worker(new InMemoryLogStore()).HandleAsync(null, CancellationToken.None));

        Assert.Contains("The event is null", error.Message, StringComparison.Ordinal);
    }
}
