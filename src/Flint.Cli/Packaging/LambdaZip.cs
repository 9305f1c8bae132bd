using System.IO.Compression;

namespace Flint.Cli.Packaging;

/// <summary>Writes the deployment zip <c>dotnet lambda package</c> makes for a custom runtime: <c>bootstrap</c> at the root, mode 755.</summary>
internal static class LambdaZip
{
    /// <summary>S_IFREG | 0755 in the high 16 bits of the entry's external attributes, where unzip and Lambda read the unix mode.</summary>
    public const int BootstrapAttributes = unchecked((int)((0x8000u | 0b111_101_101u) << 16));

    // Fixed time stamps make the zip a function of its content (same bootstrap, same bytes).
    private static readonly DateTimeOffset Epoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes <paramref name="zipPath"/> holding only <paramref name="bootstrapPath"/> as <c>bootstrap</c>.</summary>
    public static void Write(string zipPath, string bootstrapPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        File.Delete(zipPath);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        var entry = zip.CreateEntry("bootstrap", CompressionLevel.SmallestSize);
        entry.ExternalAttributes = BootstrapAttributes;
        entry.LastWriteTime = Epoch;
        using var target = entry.Open();
        using var source = File.OpenRead(bootstrapPath);
        source.CopyTo(target);
    }
}
