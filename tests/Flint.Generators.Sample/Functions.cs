using Flint.Runtime;

namespace Flint.Generators.Sample;

/// <summary>One handler per supported shape; the integration test reaches each by _HANDLER.</summary>
public static partial class Functions
{
    private static string? greetingWord;

    [LambdaInit]
    public static void Init() => greetingWord = Environment.GetEnvironmentVariable("SAMPLE_GREETING") ?? "Hello";

    [LambdaHandler("greet", IsDefault = true)]
    public static Reply Greet(Greeting greeting) => new($"{greetingWord}, {greeting.Name}!", "greet");

    [LambdaHandler("greet-async")]
    public static async Task<Reply> GreetAsync(Greeting greeting, ILambdaContext context, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return new Reply($"{greetingWord}, {greeting.Name} ({context.AwsRequestId})!", "greet-async");
    }

    [LambdaHandler("count")]
    public static ValueTask<Counter> Count(List<Greeting> greetings) => ValueTask.FromResult(new Counter(greetings.Count));

    [LambdaHandler("log")]
    public static void Log(Greeting greeting, ILambdaContext context) => context.Logger.Info($"greeting {greeting.Name}");

    [LambdaHandler("noop")]
    public static ValueTask Noop(Counter counter, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    [LambdaHandler("upper")]
    public static Stream Upper(Stream input)
    {
        using var reader = new StreamReader(input);
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(reader.ReadToEnd().ToUpperInvariant()));
    }

    [LambdaHandler("reverse")]
    public static byte[] Reverse(ReadOnlyMemory<byte> input)
    {
        var bytes = input.ToArray();
        Array.Reverse(bytes);
        return bytes;
    }
}
