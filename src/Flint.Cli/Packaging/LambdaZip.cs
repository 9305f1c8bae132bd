using System.IO.Compression;

namespace Flint.Cli.Packaging;

/// <summary>Writes the deployment zip <c>dotnet lambda package</c> makes for a custom runtime: <c>bootstrap</c> at the root, mode 755.</summary>
internal static class LambdaZip
{
    /// <summary>S_IFREG | 0755 in the high 16 bits of the entry's external attributes, where unzip and Lambda read the unix mode.</summary>
    public const int BootstrapAttributes = unchecked((int)((0x8000u | 0b111_101_101u) << 16));

    // Fixed time stamps make the zip a function of its content (same bootstrap, same bytes).
    private static readonly DateTimeOffset Epoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>S_IFREG | 0644: a data file beside the bootstrap.</summary>
    public const int DataFileAttributes = unchecked((int)((0x8000u | 0b110_100_100u) << 16));

    /// <summary>The name of AWS's TLS roots in the zip (<c>/var/task/aws-roots.pem</c> on Lambda).</summary>
    public const string AwsRootsEntry = "aws-roots.pem";

    /// <summary>
    /// Writes <paramref name="zipPath"/> holding <paramref name="bootstrapPath"/> as <c>bootstrap</c> and, when
    /// <paramref name="withAwsRoots"/>, AWS's TLS roots as <see cref="AwsRootsEntry"/>.
    /// </summary>
    public static void Write(string zipPath, string bootstrapPath, bool withAwsRoots = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        File.Delete(zipPath);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        using (var source = File.OpenRead(bootstrapPath))
        {
            Add(zip, "bootstrap", BootstrapAttributes, source);
        }

        if (withAwsRoots)
        {
            using var roots = AwsRoots();
            Add(zip, AwsRootsEntry, DataFileAttributes, roots);
        }
    }

    /// <summary>deploy/aws-roots.pem, built into this tool: Amazon Trust Services' roots, which every AWS endpoint chains to.</summary>
    public static Stream AwsRoots() =>
        typeof(LambdaZip).Assembly.GetManifestResourceStream(AwsRootsEntry) ?? throw new InvalidOperationException($"{AwsRootsEntry} is missing from flint.");

    private static void Add(ZipArchive zip, string name, int attributes, Stream content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
        entry.ExternalAttributes = attributes;
        entry.LastWriteTime = Epoch;
        using var target = entry.Open();
        content.CopyTo(target);
    }
}
