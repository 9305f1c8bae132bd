using Flint.Runtime;

namespace Flint.Functions;

/// <summary>How the handlers read their configuration during Init.</summary>
internal static class InitSettings
{
    /// <summary>The environment variable's value, or null when it is unset or blank (a blank setting means "not set").</summary>
    public static string? Setting(this LambdaInitContext init, string name) =>
        init.GetEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
