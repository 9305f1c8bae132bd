using System.Collections.Immutable;

namespace Flint.Generators;

/// <summary>
/// Checks the handlers against each other and against the compilation's JSON contexts (names, defaults,
/// serializable types) and decides what gets generated.
/// </summary>
internal static class Binder
{
    public static GenerationModel Bind(
        ImmutableArray<HandlerParseResult> parsedHandlers,
        ImmutableArray<InitParseResult> parsedInits,
        ImmutableArray<JsonContextModel?> parsedContexts,
        EntryPointModel entryPoint)
    {
        var diagnostics = new List<DiagnosticInfo>();
        diagnostics.AddRange(parsedHandlers.SelectMany(static h => h.Diagnostics));
        diagnostics.AddRange(parsedInits.SelectMany(static i => i.Diagnostics));

        // Partial declarations of one context each yield it; ordinal order makes the choice of context stable.
        var contexts = parsedContexts
            .Where(static c => c is not null)
            .Select(static c => c!)
            .Distinct()
            .OrderBy(static c => c.FullName, StringComparer.Ordinal)
            .ToList();

        var factories = BindFactories(parsedInits, parsedHandlers, diagnostics);
        var handlers = new List<BoundHandler>();
        var byName = new Dictionary<string, HandlerModel>(StringComparer.Ordinal);
        HandlerModel? firstDefault = null;
        var classNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handler in parsedHandlers.Select(static h => h.Handler))
        {
            if (handler is null)
            {
                continue;
            }

            if (byName.TryGetValue(handler.Name, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateName, handler.AttributeLocation, handler.Name, first.DisplayName));
                continue;
            }

            byName.Add(handler.Name, handler);
            if (handler.IsDefault)
            {
                if (firstDefault is null)
                {
                    firstDefault = handler;
                }
                else
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MultipleDefaults, handler.AttributeLocation, handler.Name, firstDefault.Name));
                }
            }

            // The compilation's own contexts first, then those of the assemblies that declare the types.
            var eventContext = FindContext(handler.Event, contexts) ?? FindContext(handler.Event, handler.ReferencedContexts);
            var resultContext = handler.Result is null ? null
                : FindContext(handler.Result, contexts) ?? FindContext(handler.Result, handler.ReferencedContexts);
            var missingEvent = handler.Event.Kind == PayloadKind.Json && eventContext is null;
            var missingResult = handler.Result is { Kind: PayloadKind.Json } && resultContext is null;
            if (missingEvent)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeNotSerializable, handler.EventLocation, handler.Event.Key, "event", handler.Name));
            }

            if (missingResult)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeNotSerializable, handler.ResultLocation, handler.Result!.Key, "result", handler.Name));
            }

            var factory = !handler.IsStatic && factories.TryGetValue(handler.ContainingType, out var found) ? found : null;
            var uncreatable = !handler.CanCreate && factory is null;
            if (uncreatable)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Diagnostics.NoParameterlessConstructor, handler.MethodLocation, handler.DisplayName, DisplayType(handler)));
            }

            if (!missingEvent && !missingResult && !uncreatable)
            {
                var unique = handler with { ClassName = UniqueClassName(handler.ClassName, classNames) };
                handlers.Add(new BoundHandler(unique, eventContext, resultContext, factory));
            }
        }

        var defaultName = handlers.Count == 1 && byName.Count == 1 ? handlers[0].Handler.Name : firstDefault?.Name;
        var inits = parsedInits.Select(static i => i.Init).Where(static i => i is { IsFactory: false }).Select(static i => i!);
        // Even when every handler is broken: a missing Main would only add a confusing CS5001 to the real errors.
        var emitMain = entryPoint.IsExecutable && !entryPoint.HasUserEntryPoint && parsedHandlers.Length > 0;
        return new GenerationModel(handlers.ToEquatableArray(), defaultName, inits.ToEquatableArray(), emitMain, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// The factory of each type (keyed by its full name), reporting a second factory for one type and a factory whose type
    /// has no instance handler, which would never run.
    /// </summary>
    private static Dictionary<string, InitModel> BindFactories(
        ImmutableArray<InitParseResult> parsedInits, ImmutableArray<HandlerParseResult> parsedHandlers, List<DiagnosticInfo> diagnostics)
    {
        var factories = new Dictionary<string, InitModel>(StringComparer.Ordinal);
        var instanceTypes = new HashSet<string>(
            parsedHandlers.Select(static h => h.Handler).Where(static h => h is { IsStatic: false }).Select(static h => h!.ContainingType),
            StringComparer.Ordinal);
        foreach (var init in parsedInits.Select(static i => i.Init))
        {
            if (init is not { IsFactory: true })
            {
                continue;
            }

            var type = ShortName(init.ContainingType);
            if (factories.TryGetValue(init.ContainingType, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateFactory, init.Location, first.DisplayName, init.DisplayName, type));
                continue;
            }

            factories.Add(init.ContainingType, init);
            if (!instanceTypes.Contains(init.ContainingType) && parsedHandlers.All(static h => h.Diagnostics.Count == 0))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnusedFactory, init.Location, init.DisplayName, type));
            }
        }

        return factories;
    }

    /// <summary>The handler's containing type as messages name it (<c>Outer.Inner</c>).</summary>
    private static string DisplayType(HandlerModel handler) =>
        handler.DisplayName.Substring(0, handler.DisplayName.Length - handler.MethodName.Length - 1);

    private static string ShortName(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1).Replace("global::", "");

    /// <summary>The first context (in ordinal order) listing the type; null for raw bytes too, which need none.</summary>
    private static string? FindContext(TypeRef type, IEnumerable<JsonContextModel> contexts)
    {
        if (type.Kind != PayloadKind.Json)
        {
            return null;
        }

        foreach (var context in contexts)
        {
            if (context.TypeKeys.Contains(type.Key))
            {
                return context.FullName;
            }
        }

        return null;
    }

    private static string UniqueClassName(string candidate, HashSet<string> taken)
    {
        var name = candidate;
        for (var i = 2; !taken.Add(name); i++)
        {
            name = candidate + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
