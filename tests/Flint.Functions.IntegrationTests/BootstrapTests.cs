using Flint.Testing;

namespace Flint.Functions.IntegrationTests;

public sealed class BootstrapTests
{
    [Fact]
    public void Bootstrap_with_s3_is_under_14_megabytes_and_has_no_trim_or_aot_warnings()
    {
        // Same arguments as the fixture's publish, so this reuses it (a fresh clone in CI builds it from scratch,
        // so every analysis warning is printed there).
        var published = Bootstraps.PublishDetailed("src/Flint.Functions");
        Assert.Empty(published.Warnings);
        var size = new FileInfo(published.BootstrapPath).Length;
        Assert.InRange(size, 1, 14L * 1024 * 1024);
    }

    [Fact]
    public void Publish_folder_holds_only_the_bootstrap_and_its_stripped_symbols()
    {
        // `dotnet lambda deploy-function` zips this folder minus *.dbg: .pdb and XML docs would ship with the function.
        var folder = Path.GetDirectoryName(Bootstraps.Publish("src/Flint.Functions"))!;
        // Whether bootstrap.dbg is still there depends on which tool published last (flint package drops it);
        // what matters is that nothing else would ride along in the zip.
        var shipped = Directory.GetFiles(folder).Select(Path.GetFileName)
            .Where(name => !name!.EndsWith(".dbg", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["bootstrap"], shipped);
    }
}
