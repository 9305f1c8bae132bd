namespace Flint.Testing;

/// <summary>The outcome of publishing a native bootstrap.</summary>
/// <param name="BootstrapPath">Full path of the published native <c>bootstrap</c>.</param>
/// <param name="Warnings">The distinct IL trim/AOT analysis warnings the publish printed (empty when clean).</param>
/// <param name="Output">Everything <c>dotnet publish</c> printed, for diagnostics.</param>
public sealed record PublishedBootstrap(string BootstrapPath, IReadOnlyList<string> Warnings, string Output);
