using Flint.Testing;
using Xunit;

namespace Flint.Integration.Tests;

/// <summary>The gate: anything that ends up in a bootstrap produces zero trim/AOT warnings.</summary>
public sealed class AotGateTests
{
    [Fact]
    public void Publishing_hello_from_scratch_yields_no_IL_or_AOT_warnings()
    {
        // A non-incremental publish of its own, so the trim analyzers and ILC really run and print everything.
        var published = Bootstraps.PublishDetailed(HelloBootstrap.Project, variant: "aot-gate", fresh: true);

        Assert.Contains("Generating native code", published.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(published.BootstrapPath));
        Assert.Empty(published.Warnings);
    }

    [Fact]
    public void Warning_parser_finds_trim_and_aot_warnings()
    {
        const string log = """
              Flint.Hello -> /x/bootstrap.dll
            /x/Foo.cs(3,5): warning IL2026: Using member 'X' which has 'RequiresUnreferencedCodeAttribute' [/x/Flint.Hello.csproj]
            ILC : AOT analysis warning IL3050: Y: Using member 'Z' which has 'RequiresDynamicCodeAttribute' [/x/Flint.Hello.csproj]
            /x/Foo.cs(3,5): warning CS0168: unrelated
            """;

        var warnings = Bootstraps.ParseWarnings(log);

        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("IL2026", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("IL3050", StringComparison.Ordinal));
    }
}
