using System.Text.Json.Serialization;
using Flint.Runtime;

namespace FlintFunction;

/// <summary>The function's handlers. Lambda's Handler setting (<c>_HANDLER</c>) picks one; <c>greet</c> answers when it is unset.</summary>
public static partial class Function
{
    /// <summary>Answers <c>{"name":"Ada"}</c> with <c>{"message":"Hello, Ada!"}</c>.</summary>
    [LambdaHandler("greet", IsDefault = true)]
    public static Greeting Greet(Person person, ILambdaContext context)
    {
        context.Logger.Info($"greeting {person.Name}");
        return new Greeting($"Hello, {person.Name}!");
    }
}

/// <summary>The event.</summary>
public sealed record Person(string Name);

/// <summary>The result.</summary>
public sealed record Greeting(string Message);

/// <summary>Source-generated JSON for every event and result type: Flint uses no reflection.</summary>
[JsonSerializable(typeof(Person))]
[JsonSerializable(typeof(Greeting))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class FunctionJson : JsonSerializerContext;
