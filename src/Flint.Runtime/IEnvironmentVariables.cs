namespace Flint.Runtime;

/// <summary>The process environment behind a seam, so tests run the runtime without touching process-global state.</summary>
internal interface IEnvironmentVariables
{
    string? Get(string name);

    void Set(string name, string? value);
}

/// <summary>The real environment.</summary>
internal sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public static readonly ProcessEnvironmentVariables Instance = new();

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);

    public void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
