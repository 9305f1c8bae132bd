using Flint.Testing;

namespace Flint.Integration.Tests;

/// <summary>The AOT hello bootstrap, published once per test run (and shared across test projects via the publish lock).</summary>
internal static class HelloBootstrap
{
    public const string Project = "bench/Flint.Hello";

    /// <summary>Full path of the published native bootstrap (default transport and dispatch).</summary>
    public static string Path => Bootstraps.Publish(Project);
}
