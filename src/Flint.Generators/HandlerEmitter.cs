namespace Flint.Generators;

/// <summary>Writes one handler class: read the event, call the method, write the result.</summary>
internal static class HandlerEmitter
{
    public const string TypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";
    private const string Json = "global::Flint.Runtime.LambdaJson";
    private const string BuffersExtensions = "global::System.Buffers.BuffersExtensions";

    public static void Emit(SourceWriter w, BoundHandler bound)
    {
        var handler = bound.Handler;
        w.Line($"/// <summary>Handler <c>{Escape(handler.Name)}</c>: calls <c>{Escape(handler.DisplayName)}</c>.</summary>");
        w.Open($"private sealed class {handler.ClassName} : global::Flint.Runtime.ILambdaHandler");

        // Resolved once, at Create (during Init).
        if (bound.EventContext is { } eventContext)
        {
            w.Line($"private readonly {TypeInfo}<{handler.Event.Name}> eventType =");
            w.Line($"    {Emitter.TableName}.TypeInfo<{handler.Event.Name}>({eventContext}.Default);");
        }

        if (bound.ResultContext is { } resultContext)
        {
            w.Line($"private readonly {TypeInfo}<{handler.Result!.Name}> resultType =");
            w.Line($"    {Emitter.TableName}.TypeInfo<{handler.Result.Name}>({resultContext}.Default);");
        }

        if (!handler.IsStatic)
        {
            w.Line($"private readonly {handler.ContainingType} target;").Line();
            w.Line($"public {handler.ClassName}({handler.ContainingType} target) => this.target = target;");
        }

        if (bound.EventContext is not null || bound.ResultContext is not null || !handler.IsStatic)
        {
            w.Line();
        }

        w.Open("public void Invoke(global::System.ReadOnlyMemory<byte> payload, global::Flint.Runtime.ILambdaContext context, global::System.Buffers.IBufferWriter<byte> response)");
        w.Line(ReadEvent(handler.Event));
        var call = Call(handler);
        if (handler.Result is null)
        {
            w.Line(call + ";");
            w.Line($"{Json}.WriteNull(response);");
        }
        else
        {
            w.Line($"var result = {call};");
            w.Line(WriteResult(handler.Result));
        }

        w.Close();
        w.Close();
    }

    private static string ReadEvent(TypeRef type) => type.Kind switch
    {
        PayloadKind.Json => $"var input = {Json}.Deserialize(payload, eventType);",
        PayloadKind.Stream => $"using var input = {Emitter.TableName}.OpenRead(payload);",
        PayloadKind.Bytes => "var input = payload.ToArray();",
        _ => "var input = payload;",
    };

    private static string Call(HandlerModel handler)
    {
        var arguments = "input";
        if (handler.TakesContext)
        {
            arguments += ", context";
        }

        if (handler.TakesCancellationToken)
        {
            arguments += ", context.CancellationToken";
        }

        var receiver = handler.IsStatic ? handler.ContainingType : "target";
        var call = $"{receiver}.{handler.MethodName}({arguments})";
        return handler.Await switch
        {
            AwaitKind.Task => call + ".GetAwaiter().GetResult()",
            AwaitKind.ValueTask => $"{Emitter.TableName}.Wait({call})", // valid for pooled IValueTaskSource-backed ValueTasks too
            _ => call,
        };
    }

    private static string WriteResult(TypeRef type) => type.Kind switch
    {
        PayloadKind.Json => $"{Json}.Serialize(response, result, resultType);",
        PayloadKind.Stream => $"{Emitter.TableName}.Write(response, result);",
        PayloadKind.Bytes => $"{BuffersExtensions}.Write(response, new global::System.ReadOnlySpan<byte>(result));",
        _ => $"{BuffersExtensions}.Write(response, result.Span);",
    };

    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\n", " ").Replace("\r", " ");
}
