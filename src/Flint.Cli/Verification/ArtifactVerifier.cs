using System.Globalization;
using System.IO.Compression;
using Flint.Cli.Elf;

namespace Flint.Cli.Verification;

/// <summary>
/// Checks a Lambda artifact — a deployment zip or a bare <c>bootstrap</c> — before it leaves the machine:
/// the zip's layout (bootstrap at the root, mode 755, no .dbg files) and the bootstrap's ELF headers
/// (architecture, highest GLIBC version needed, no libicu, stripped, size).
/// </summary>
internal static class ArtifactVerifier
{
    /// <summary>Unix permission bits Lambda needs on the bootstrap: rwxr-xr-x.</summary>
    public const int BootstrapMode = 0b111_101_101; // 0755

    public static VerificationResult Verify(string path, VerifyOptions options)
    {
        var checks = new List<Check>();
        if (!File.Exists(path))
        {
            checks.Add(new Check("artifact", false, $"{path}: no such file"));
            return new VerificationResult(path, checks);
        }

        byte[] bootstrap;
        if (IsZip(path))
        {
            var fromZip = CheckZip(path, checks);
            if (fromZip is null)
            {
                return new VerificationResult(path, checks);
            }

            bootstrap = fromZip;
        }
        else
        {
            bootstrap = File.ReadAllBytes(path);
        }

        CheckBootstrap(bootstrap, options, checks);
        return new VerificationResult(path, checks);
    }

    private static bool IsZip(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.Read(magic) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
    }

    private static byte[]? CheckZip(string path, List<Check> checks)
    {
        using var zip = ZipFile.OpenRead(path);
        checks.Add(new Check("zip", true, $"{zip.Entries.Count} entries, {new FileInfo(path).Length / 1048576.0:0.00} MiB compressed"));

        var debug = zip.Entries.Where(e => e.FullName.EndsWith(".dbg", StringComparison.OrdinalIgnoreCase)).Select(e => e.FullName).ToArray();
        checks.Add(debug.Length == 0
            ? new Check("no .dbg", true, "no debug symbol files")
            : new Check("no .dbg", false, $"debug symbols shipped: {string.Join(", ", debug)}; publish with -p:StripSymbols=true and leave *.dbg out of the zip"));

        var entry = zip.GetEntry("bootstrap");
        if (entry is null)
        {
            var nested = zip.Entries.FirstOrDefault(e => e.Name == "bootstrap");
            checks.Add(new Check("bootstrap at root", false, nested is null
                ? "the zip has no 'bootstrap' entry; provided.al2023 runs /var/task/bootstrap"
                : $"bootstrap is at '{nested.FullName}', not at the root of the zip; Lambda runs /var/task/bootstrap"));
            return null;
        }

        checks.Add(new Check("bootstrap at root", true, $"bootstrap, {entry.Length} bytes"));
        var mode = (entry.ExternalAttributes >> 16) & 0xFFFF;
        var permissions = mode & 0x1FF;
        checks.Add(mode == 0
            ? new Check("mode 755", false, "no unix mode in the zip entry (made on Windows?); Lambda then cannot execute bootstrap: set the entry's external attributes to 0100755 << 16")
            : new Check("mode 755", permissions == BootstrapMode,
                permissions == BootstrapMode
                    ? "rwxr-xr-x"
                    : $"mode is {Convert.ToString(permissions, 8)}, not 755; Lambda runs bootstrap as another user and needs r-x for all"));

        using var stream = entry.Open();
        using var memory = new MemoryStream((int)entry.Length);
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static void CheckBootstrap(byte[] bytes, VerifyOptions options, List<Check> checks)
    {
        ElfFile elf;
        try
        {
            elf = ElfFile.Parse(bytes);
        }
        catch (ElfFormatException e)
        {
            checks.Add(new Check("ELF", false, $"bootstrap is {e.Message}; provided.al2023 needs a native Linux executable"));
            return;
        }

        checks.Add(new Check("ELF", true, elf.Type switch { 2 => "64-bit executable", 3 => "64-bit position-independent executable", _ => $"64-bit, e_type {elf.Type}" }));

        var actual = elf.Machine switch
        {
            ElfFile.MachineX86_64 => "x86_64",
            ElfFile.MachineAarch64 => "arm64",
            _ => $"e_machine {elf.Machine}",
        };
        checks.Add(new Check("architecture", actual == options.Architecture, actual == options.Architecture
            ? actual
            : $"bootstrap is {actual} but the function is {options.Architecture}; publish with -r {(options.Architecture == "arm64" ? "linux-arm64" : "linux-x64")}"));

        checks.Add(CheckGlibc(elf));

        var icu = elf.Needed.Where(n => n.StartsWith("libicu", StringComparison.Ordinal)).ToArray();
        // .NET loads ICU with dlopen, not DT_NEEDED: a bootstrap built without InvariantGlobalization carries the library name.
        var loadsIcu = bytes.AsSpan().IndexOf("libicuuc"u8) >= 0;
        checks.Add(icu.Length > 0
            ? new Check("no libicu", false, $"needs {string.Join(", ", icu)}, which provided.al2023 does not have; set InvariantGlobalization=true")
            : loadsIcu
                ? new Check("no libicu", false, "loads libicuuc at run time (built without InvariantGlobalization); provided.al2023 has no libicu: set InvariantGlobalization=true")
                : new Check("no libicu", true, elf.Needed.Count == 0 ? "no shared libraries needed" : "needs " + string.Join(", ", elf.Needed)));

        checks.Add(elf.IsStripped
            ? new Check("stripped", true, "no .symtab")
            : new Check("stripped", false, "has a .symtab (symbols not stripped); publish with -p:StripSymbols=true"));

        var sizeMb = bytes.Length / 1048576.0;
        checks.Add(new Check("size", sizeMb <= options.MaxSizeMb, string.Create(CultureInfo.InvariantCulture,
            $"{sizeMb:0.00} MiB {(sizeMb <= options.MaxSizeMb ? "within" : "over")} the {options.MaxSizeMb:0.##} MiB budget")));
    }

    private static Check CheckGlibc(ElfFile elf)
    {
        var glibc = elf.VersionNeeds
            .Where(n => n.Version.StartsWith("GLIBC_", StringComparison.Ordinal))
            .Select(n => (Need: n, Version: Version.TryParse(n.Version["GLIBC_".Length..], out var v) ? v : null))
            .Where(n => n.Version is not null)
            .OrderByDescending(n => n.Version)
            .ToArray();
        if (glibc.Length == 0)
        {
            return new Check("glibc ≤ 2.34", true, "no GLIBC symbol versions needed");
        }

        var (highest, version) = glibc[0];
        if (version! <= VerifyOptions.MaxGlibc)
        {
            return new Check("glibc ≤ 2.34", true, $"highest needed: {highest.Version}");
        }

        var over = glibc.Where(n => n.Version! > VerifyOptions.MaxGlibc)
            .Select(n => n.Need.Symbols.Count > 0 ? $"{n.Need.Version} ({string.Join(", ", n.Need.Symbols)})" : n.Need.Version);
        return new Check("glibc ≤ 2.34", false,
            $"needs {string.Join(", ", over)}; Amazon Linux 2023 has glibc 2.34, so the bootstrap fails to start there. Build on an older glibc (the Dockerfile's Amazon Linux 2023 stage) or avoid those symbols");
    }
}
