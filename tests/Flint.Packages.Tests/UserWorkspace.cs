using System.Globalization;
using Flint.Testing;
using Xunit;

namespace Flint.Packages.Tests;

/// <summary>
/// A developer's machine with only Flint's packages: a temporary feed packed from this clone under a version no cache
/// has seen, a nuget.config that adds it, the template installed into a private hive, <c>flint</c> and
/// <c>flint-local</c> installed from the feed, and two projects made from the template outside the repository
/// (Greeter: the defaults; Counter: <c>--s3 --arch arm64</c>). Greeter is packaged with the installed <c>flint</c>.
/// </summary>
public sealed class UserWorkspace : IAsyncLifetime
{
    /// <summary>Every package the pack makes, and nothing else.</summary>
    public static readonly string[] PackageIds =
        ["Flint.Aws", "Flint.Events", "Flint.Local", "Flint.Local.Tool", "Flint.Records", "Flint.Runtime", "Flint.Templates", "Flint.Tool"];

    /// <summary>The configuration this test project (and so every project it references) was built in.</summary>
    private static string BuildConfiguration =>
        typeof(UserWorkspace).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .Cast<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "flint-user-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Unique per run: the NuGet cache can never hand back an older build under the same version.</summary>
    public string Version { get; } = "0.1.0-ci." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public string Feed => Path.Combine(Root, "feed");

    public string Tools => Path.Combine(Root, "tools");

    public string Greeter => Path.Combine(Root, "work", "Greeter");

    public string Counter => Path.Combine(Root, "work", "Counter");

    public CommandResult Pack { get; private set; } = null!;

    public CommandResult Package { get; private set; } = null!;

    /// <summary>Greeter's bootstrap as <c>flint package</c> published it.</summary>
    public string GreeterBootstrap => Path.Combine(Greeter, "artifacts", "publish", "x86_64", "bootstrap");

    public string Flint => Path.Combine(Tools, "flint");

    public string FlintLocal => Path.Combine(Tools, "flint-local");

    public Task InitializeAsync() => Task.Run(() =>
    {
        Directory.CreateDirectory(Feed);
        // The solution is built by the test command (and this project's references): pack what is there.
        Pack = Shell.Run(RepoPaths.Root, "dotnet", ["pack", "Flint.slnx", "-c", BuildConfiguration, "--no-build", "-o", Feed, "-p:VersionSuffix=" + Version["0.1.0-".Length..]]).Succeeded();
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="flint-test-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        var hive = Path.Combine(Root, "hive");
        Shell.Run(Root, "dotnet", ["new", "install", Path.Combine(Feed, $"Flint.Templates.{Version}.nupkg"), "--debug:custom-hive", hive]).Succeeded();
        Shell.Run(Root, "dotnet", ["new", "flint-function", "-n", "Greeter", "-o", Greeter, "--debug:custom-hive", hive]).Succeeded();
        Shell.Run(Root, "dotnet", ["new", "flint-function", "-n", "Counter", "-o", Counter, "--s3", "--arch", "arm64", "--debug:custom-hive", hive]).Succeeded();
        foreach (var tool in new[] { "Flint.Tool", "Flint.Local.Tool" })
        {
            Shell.Run(Root, "dotnet", ["tool", "install", tool, "--tool-path", Tools, "--version", Version, "--add-source", Feed]).Succeeded();
        }

        Package = Shell.Run(Greeter, Flint, ["package", "--project", "src/Greeter", "--verbose"]);
    });

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
