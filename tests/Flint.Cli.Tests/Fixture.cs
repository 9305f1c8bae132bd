namespace Flint.Cli.Tests;

internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string TempDirectory()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flint-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
